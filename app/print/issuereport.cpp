#include "issuereport.h"

#include "deliverylist.h"
#include "formats.h"
#include "postalcodes.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QLocale>
#include <QPageLayout>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSet>

#include <algorithm>
#include <map>

namespace Relais::Print {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Relais::Print", text);
}

// The issue before `date`: the last issue day of the week before it.
QDate previousIssueOf(const Publication &p, QDate date)
{
    for (int back = 1; back <= 7; ++back) {
        const QDate d = date.addDays(-back);
        if (p.weekdays.nextIssueOnOrAfter(d) == d)
            return d;
    }
    return {};
}

QString departementLabel(const QString &key)
{
    return key == u"abroad" ? tr("Abroad") : key.isEmpty() ? tr("Unknown") : key;
}

// Sort keys: 01..95, 2A and 2B in their place (after 19), 971..976, unknown, abroad last.
QString departementSortKey(const QString &key)
{
    if (key == u"abroad")
        return QStringLiteral("~~");
    if (key.isEmpty())
        return QStringLiteral("~");
    if (key == u"2A" || key == u"2B")
        return QStringLiteral("20") + key.at(1);
    return key;
}

} // namespace

QString departementOf(const QString &postalCode)
{
    const QString pc = postalCode.trimmed();
    if (pc.size() != 5 || !std::all_of(pc.cbegin(), pc.cend(), [](QChar c) { return c.isDigit(); }))
        return {};
    if (pc.startsWith(u"97") || pc.startsWith(u"98"))
        return pc.left(3);
    if (pc.startsWith(u"20")) {
        // Corsica: the département is in the INSEE code of the postal code's communes.
        const QList<Commune> communes = PostalCodeDirectory::instance().communesFor(pc);
        if (!communes.isEmpty())
            return communes.first().inseeCode.left(2);
        return pc.left(2);
    }
    return pc.left(2);
}

Result<IssueReport> buildIssueReport(Store &store, const QString &publicationCode, QDate date)
{
    const auto publication = store.publicationByCode(publicationCode);
    if (!publication)
        return Error::make(ErrorKind::NotFound, QStringLiteral("publication.unknown"),
                           QCoreApplication::translate("Relais::Csv",
                                                       "There is no title with code %1.")
                               .arg(publicationCode));
    if (Status s = DeliveryListQuery::checkIssueDay(*publication, date); !s)
        return s.error();
    IssueReport r;
    r.publicationCode = publication->code;
    r.publicationName = publication->name;
    r.date = date;
    r.previousIssue = previousIssueOf(*publication, date);
    r.generatedAt = QDateTime::currentDateTime();
    r.clerk = store.actor().clerk;

    DeliveryListQuery query(store.db());
    std::map<QString, IssueReport::Row> departements;
    std::map<QString, IssueReport::Row> modes;
    QHash<QString, Address> current;
    auto list = query.forEach(*publication, date, [&](const DeliveryLine &l) {
        ++r.lines;
        r.copies += l.copies;
        const bool france = l.address.isFrance();
        const QString dep = france ? departementOf(l.address.postalCode) : QStringLiteral("abroad");
        IssueReport::Row &d = departements[departementSortKey(dep)];
        d.key = dep;
        ++d.lines;
        d.copies += l.copies;
        const QString mode = l.temporaryAddress ? QStringLiteral("holiday")
                             : france           ? QStringLiteral("home")
                                                : QStringLiteral("abroad");
        IssueReport::Row &m = modes[mode];
        m.key = mode;
        ++m.lines;
        m.copies += l.copies;
        current.insert(l.subscriptionId, l.address);
        return true;
    });
    if (!list)
        return list.error();
    if (r.previousIssue.isValid()) {
        QSet<QString> before;
        auto previous = query.forEach(*publication, r.previousIssue, [&](const DeliveryLine &l) {
            before.insert(l.subscriptionId);
            const auto it = current.constFind(l.subscriptionId);
            if (it == current.constEnd())
                ++r.drops;
            else if (!(*it == l.address))
                ++r.addressChanges;
            return true;
        });
        if (!previous)
            return previous.error();
        for (auto it = current.cbegin(); it != current.cend(); ++it)
            r.adds += before.contains(it.key()) ? 0 : 1;
    } else {
        r.adds = r.lines;
    }
    auto events = query.issueEvents(*publication, date,
                                    r.previousIssue.isValid() ? r.previousIssue : date);
    if (!events)
        return events.error();
    r.holds = events->holds;
    r.holidayAddresses = events->holidayAddresses;
    if (r.previousIssue.isValid()) {
        r.complaintsNotReceived = events->complaints.value(QStringLiteral("not_received"));
        r.complaintsDamaged = events->complaints.value(QStringLiteral("damaged"));
    }
    for (auto &[key, row] : departements) {
        row.label = departementLabel(row.key);
        r.byDepartement << row;
    }
    for (const char *key : {"home", "holiday", "abroad"}) {
        IssueReport::Row row = modes[QString::fromLatin1(key)];
        row.key = QString::fromLatin1(key);
        row.label = row.key == u"home"      ? tr("At the subscriber's address (France)")
                    : row.key == u"holiday" ? tr("At a holiday address")
                                            : tr("Abroad");
        r.byMode << row;
    }
    return r;
}

namespace {

class Page
{
public:
    explicit Page(QPagedPaintDevice *device) : m_device(device) {}
    double px(double mm) const { return mm * m_device->logicalDpiX() / 25.4; }
    double py(double mm) const { return mm * m_device->logicalDpiY() / 25.4; }
    QRectF rect(double x, double y, double w, double h) const
    {
        return QRectF(px(x), py(y), px(w), py(h));
    }
    QFont font(double pt, bool bold = false) const
    {
        QFont f(QStringLiteral("DejaVu Sans"));
        f.setStyleHint(QFont::SansSerif);
        f.setPointSizeF(pt);
        f.setBold(bold);
        return f;
    }
    // Line height in mm of a font on this device.
    double lineMm(const QFont &f) const
    {
        return QFontMetricsF(f, m_device).lineSpacing() * 25.4 / m_device->logicalDpiY();
    }

private:
    QPagedPaintDevice *m_device;
};

} // namespace

Status paintIssueReport(const IssueReport &r, QPagedPaintDevice *device)
{
    device->setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                      QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter));
    QPainter painter;
    if (!painter.begin(device))
        return Error::make(ErrorKind::Io, QStringLiteral("io.write"),
                           tr("The report cannot be drawn."));
    const Page page(device);
    const QLocale locale;
    const double left = 18, width = 174;
    double y = 15;
    auto text = [&](double x, double w, const QFont &f, const QString &t,
                    int flags = Qt::AlignLeft) {
        painter.setFont(f);
        painter.drawText(page.rect(x, y, w, page.lineMm(f)), flags | Qt::AlignVCenter, t);
    };
    auto rule = [&](double atY) {
        painter.drawLine(QPointF(page.px(left), page.py(atY)),
                         QPointF(page.px(left + width), page.py(atY)));
    };
    auto number = [&](qint64 n) { return locale.toString(n); };

    const QFont title = page.font(15, true);
    text(left, width, title, tr("Issue report"));
    y += page.lineMm(title) + 1;
    const QFont subtitle = page.font(11);
    text(left, width, subtitle,
         QStringLiteral("%1 — %2 — %3")
             .arg(r.publicationCode, r.publicationName,
                  locale.toString(r.date, QLocale::LongFormat)));
    y += page.lineMm(subtitle) + 2;
    rule(y);
    y += 3;

    // The figures, two columns: label, value.
    const QFont body = page.font(10);
    const QFont bold = page.font(10, true);
    const QString previous = r.previousIssue.isValid()
                                 ? locale.toString(r.previousIssue, QLocale::LongFormat)
                                 : tr("none within a week");
    const QList<std::pair<QString, QString>> figures = {
        {tr("Delivery points (labels)"), number(r.lines)},
        {tr("Copies to print and deliver"), number(r.copies)},
        {tr("Previous issue"), previous},
        {tr("Adds since the previous issue"), number(r.adds)},
        {tr("Drops since the previous issue"), number(r.drops)},
        {tr("Address changes since the previous issue"), number(r.addressChanges)},
        {tr("Holds in force"), number(r.holds)},
        {tr("Holiday addresses in force"), number(r.holidayAddresses)},
        {tr("Complaints about the previous issue: not received"), number(r.complaintsNotReceived)},
        {tr("Complaints about the previous issue: damaged"), number(r.complaintsDamaged)},
    };
    for (const auto &[label, value] : figures) {
        text(left, 100, body, label);
        text(left + 100, 74, bold, value, Qt::AlignRight);
        y += page.lineMm(body) + 0.6;
    }
    y += 3;

    // By delivery mode.
    text(left, width, bold, tr("Copies by delivery mode"));
    y += page.lineMm(bold) + 1;
    const QFont small = page.font(9);
    const QFont smallBold = page.font(9, true);
    text(left, 110, smallBold, tr("Mode"));
    text(left + 110, 32, smallBold, tr("Labels"), Qt::AlignRight);
    text(left + 142, 32, smallBold, tr("Copies"), Qt::AlignRight);
    y += page.lineMm(smallBold) + 0.5;
    for (const IssueReport::Row &m : r.byMode) {
        text(left, 110, small, m.label);
        text(left + 110, 32, small, number(m.lines), Qt::AlignRight);
        text(left + 142, 32, small, number(m.copies), Qt::AlignRight);
        y += page.lineMm(small) + 0.3;
    }
    y += 3;

    // By département: a grid that fills the space above the signature box.
    text(left, width, bold, tr("Copies by département (labels in brackets)"));
    y += page.lineMm(bold) + 1;
    const double bottom = 297 - 15 - 32; // the signature box and the footer below
    const int columns = 4;
    const double cellWidth = width / columns;
    double pt = 8;
    QFont grid = page.font(pt);
    auto rowsNeeded = [&] { return (r.byDepartement.size() + columns - 1) / columns; };
    while (pt > 5 && y + rowsNeeded() * page.lineMm(grid) > bottom) {
        pt -= 0.5;
        grid = page.font(pt);
    }
    const qsizetype rows = rowsNeeded();
    const double top = y;
    for (qsizetype i = 0; i < r.byDepartement.size(); ++i) {
        const IssueReport::Row &d = r.byDepartement.at(i);
        const double x = left + double(i / qMax<qsizetype>(rows, 1)) * cellWidth;
        y = top + double(i % qMax<qsizetype>(rows, 1)) * page.lineMm(grid);
        text(x, cellWidth * 0.3, grid, d.label);
        text(x + cellWidth * 0.25, cellWidth * 0.75 - 8, grid,
             QStringLiteral("%1 (%2)").arg(number(d.copies), number(d.lines)), Qt::AlignRight);
    }

    // What the manager signs.
    y = 297 - 15 - 28;
    painter.drawRect(page.rect(left, y, width, 22));
    y += 1.5;
    text(left + 3, width - 6, small,
         tr("Checked before the print run — name, date and signature:"));
    y = 297 - 15 - 4;
    const QFont footer = page.font(7);
    text(left, width, footer,
         tr("Relais, %1, clerk %2. The figures are those of the delivery list exported for this "
            "issue.")
             .arg(shortDateTime(r.generatedAt, locale), r.clerk));
    painter.end();
    return Ok{};
}

Status writeIssueReportPdf(const IssueReport &report, const QString &path)
{
    auto ioError = [&](const QString &why) {
        return Error::make(ErrorKind::Io, QStringLiteral("io.write"),
                           QCoreApplication::translate("Relais::Csv", "Cannot write %1: %2")
                               .arg(path, why));
    };
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ioError(file.errorString());
    {
        QPdfWriter pdf(&file);
        pdf.setResolution(300);
        pdf.setCreator(QStringLiteral("Relais"));
        pdf.setTitle(tr("Issue report %1 %2")
                         .arg(report.publicationCode, report.date.toString(Qt::ISODate)));
        if (Status s = paintIssueReport(report, &pdf); !s) {
            file.cancelWriting();
            return s;
        }
    }
    if (!file.commit())
        return ioError(file.errorString());
    return Ok{};
}

} // namespace Relais::Print
