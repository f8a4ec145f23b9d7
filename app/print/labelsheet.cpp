#include "labelsheet.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QHash>
#include <QPageLayout>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

#include <cmath>
#include <memory>

namespace Relais::Print {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Relais::Print", text);
}

// A legible sans-serif: DejaVu Sans Condensed when installed (38 capitals fit a 63.5 mm label at
// 7 pt), else DejaVu Sans, else the system's sans-serif.
QFont labelFont()
{
    const QStringList families = QFontDatabase::families();
    for (const QString &name :
         {QStringLiteral("DejaVu Sans Condensed"), QStringLiteral("DejaVu Sans")}) {
        if (families.contains(name)) {
            QFont f(name);
            f.setStyleHint(QFont::SansSerif);
            return f;
        }
    }
    QFont f;
    f.setStyleHint(QFont::SansSerif);
    f.setFamily(QStringLiteral("sans-serif"));
    return f;
}

constexpr double kPaddingXMm = 3.0;
constexpr double kPaddingYMm = 2.0;
constexpr double kStepPt = 0.25;
constexpr double kMarkerPt = 7;

class LabelSink final : public Csv::ExportSink
{
public:
    LabelSink(LabelLayout layout, LabelOptions options, QPagedPaintDevice *device)
        : m_layout(std::move(layout)), m_options(options), m_device(device), m_toFile(!device)
    {
        if (m_options.topMm >= 0)
            m_layout.topMm = m_options.topMm;
        if (m_options.leftMm >= 0)
            m_layout.leftMm = m_options.leftMm;
    }
    ~LabelSink() override { cancel(); }

    QString formatName() const override
    {
        return m_toFile ? QStringLiteral("pdf") : QStringLiteral("printed");
    }

    Status open(const QString &path) override
    {
        if (!m_device) {
            m_file = std::make_unique<QSaveFile>(path);
            if (!m_file->open(QIODevice::WriteOnly))
                return ioError(path, m_file->errorString());
            m_pdf = std::make_unique<QPdfWriter>(m_file.get());
            m_pdf->setResolution(600);
            m_pdf->setCreator(QStringLiteral("Relais"));
            m_pdf->setTitle(QCoreApplication::translate("Relais::Print", "Address labels"));
            m_device = m_pdf.get();
        }
        m_device->setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                            QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter));
        if (!m_painter.begin(m_device))
            return ioError(path, QCoreApplication::translate("Relais::Print",
                                                             "the page cannot be drawn on"));
        m_painter.setRenderHint(QPainter::TextAntialiasing);
        m_font = labelFont();
        m_path = path;
        return Ok{};
    }

    void header(const QStringList &, const QStringList &) override {}

    void row(const QStringList &, const QString &movement, const DeliveryLine &line,
             const Csv::MailingAddress &address, QList<Csv::LineProblem> &problems) override
    {
        if (movement == u"SUPPRESSION")
            return; // a dropped subscription gets no label
        if (m_count > 0 && m_count % m_layout.perSheet() == 0)
            m_device->newPage();
        const int slot = int(m_count % m_layout.perSheet());
        ++m_count;
        const double x = m_layout.leftMm + (slot % m_layout.columns) * m_layout.pitchXMm;
        const double y = m_layout.topMm + (slot / m_layout.columns) * m_layout.pitchYMm;
        drawLabel(QRectF(x, y, m_layout.labelMm.width(), m_layout.labelMm.height()), address,
                  line.copies, problems);
    }

    Status commit() override
    {
        if (!m_painter.isActive())
            return ioError(m_path, QCoreApplication::translate("Relais::Print",
                                                               "the labels were not started"));
        m_painter.end();
        if (!m_file) {
            // Nothing on disk to hash: the export log keeps the digest of the labels' text.
            m_sha256 = QString::fromLatin1(m_printed.result().toHex());
            return Ok{};
        }
        m_pdf.reset(); // writes the PDF's trailer
        if (!m_file->commit())
            return ioError(m_path, m_file->errorString());
        m_sha256 = Csv::fileSha256(m_path);
        m_file.reset();
        return Ok{};
    }

    void cancel() override
    {
        if (m_painter.isActive())
            m_painter.end();
        if (m_file) {
            m_pdf.reset();
            m_file->cancelWriting();
            m_file.reset();
        }
    }

    QString sha256() const override { return m_sha256; }

private:
    double px(double mm) const { return mm * m_device->logicalDpiX() / 25.4; }
    double py(double mm) const { return mm * m_device->logicalDpiY() / 25.4; }

    void drawLabel(const QRectF &mm, const Csv::MailingAddress &address, int copies,
                   QList<Csv::LineProblem> &problems)
    {
        struct Line
        {
            int number; // 1..6, 7 the country
            QString text;
        };
        QList<Line> lines;
        for (int i = 0; i < 6; ++i)
            if (!address.lines[i].trimmed().isEmpty())
                lines << Line{i + 1, address.lines[i]};
        if (!address.country.isEmpty())
            lines << Line{7, address.country};
        if (lines.isEmpty())
            return;
        const double width = px(mm.width() - 2 * kPaddingXMm);
        // A bundle of several copies says so in the bottom right corner ("× 2"), below the block.
        QFont markerFont = m_font;
        markerFont.setPointSizeF(kMarkerPt);
        const QString marker = copies > 1 ? QStringLiteral("\u00D7 %1").arg(copies) : QString();
        const double markerHeight = marker.isEmpty()
                                        ? 0
                                        : QFontMetricsF(markerFont, m_device).lineSpacing();
        const double height = py(mm.height() - 2 * kPaddingYMm) - markerHeight;

        // A line too wide even at the legible size is set apart (smaller, reported below); the
        // label takes the largest size at which the other lines fit its width and all its height.
        QFont font = m_font;
        QList<int> tooWide;
        font.setPointSizeF(m_options.minLegiblePt);
        for (const Line &l : lines)
            if (QFontMetricsF(font, m_device).horizontalAdvance(l.text) > width)
                tooWide << l.number;
        double size = m_options.fontPt;
        auto fits = [&](double pt) {
            font.setPointSizeF(pt);
            const QFontMetricsF fm(font, m_device);
            if (fm.lineSpacing() * lines.size() > height)
                return false;
            for (const Line &l : lines)
                if (!tooWide.contains(l.number) && fm.horizontalAdvance(l.text) > width)
                    return false;
            return true;
        };
        while (size > m_options.minLegiblePt && !fits(size))
            size -= kStepPt;
        while (size > 1 && !fits(size)) // too many lines for the height: all smaller (rare)
            size -= kStepPt;
        // A line too wide at the legible size alone is set smaller, still whole, and reported;
        // the others keep the label's size.
        QHash<int, double> lineSize;
        for (const Line &l : lines) {
            if (!tooWide.contains(l.number))
                continue;
            QFont own = m_font;
            double pt = size;
            do {
                pt -= kStepPt;
                own.setPointSizeF(pt);
            } while (pt > 1 && QFontMetricsF(own, m_device).horizontalAdvance(l.text) > width);
            lineSize.insert(l.number, pt);
            problems << Csv::LineProblem{
                l.number, QStringLiteral("label.too_narrow"),
                QCoreApplication::translate("Relais::Print",
                                            "Line %1 fits the %2 label only at %3 pt, below the "
                                            "legible %4 pt: %5")
                    .arg(l.number)
                    .arg(m_layout.name)
                    .arg(pt, 0, 'f', 2)
                    .arg(m_options.minLegiblePt, 0, 'f', 1)
                    .arg(l.text)};
        }
        font.setPointSizeF(size);
        const QFontMetricsF fm(font, m_device);
        // The block is centred vertically, left-aligned (a label's lines start at one edge).
        const double block = fm.lineSpacing() * lines.size();
        double baseline = py(mm.top() + kPaddingYMm) + (height - block) / 2 + fm.ascent();
        const double left = px(mm.left() + kPaddingXMm);
        for (const Line &l : lines) {
            QFont own = font;
            if (lineSize.contains(l.number))
                own.setPointSizeF(lineSize.value(l.number));
            m_painter.setFont(own);
            m_painter.drawText(QPointF(left, baseline), l.text);
            baseline += fm.lineSpacing();
            m_printed.addData(l.text.toUtf8());
            m_printed.addData("\n");
        }
        if (!marker.isEmpty()) {
            m_painter.setFont(markerFont);
            m_painter.drawText(QRectF(left, py(mm.bottom() - kPaddingYMm) - markerHeight, width,
                                      markerHeight),
                               Qt::AlignRight | Qt::AlignBottom, marker);
            m_printed.addData(marker.toUtf8());
        }
        m_printed.addData("\f");
    }

    static Error ioError(const QString &file, const QString &why)
    {
        return Error::make(ErrorKind::Io, QStringLiteral("io.write"),
                           QCoreApplication::translate("Relais::Csv", "Cannot write %1: %2")
                               .arg(file, why));
    }

    LabelLayout m_layout;
    LabelOptions m_options;
    QPagedPaintDevice *m_device;
    bool m_toFile;
    std::unique_ptr<QSaveFile> m_file;
    std::unique_ptr<QPdfWriter> m_pdf;
    QPainter m_painter;
    QFont m_font;
    QString m_path;
    QString m_sha256;
    qint64 m_count = 0;
    QCryptographicHash m_printed{QCryptographicHash::Sha256};
};

Status checkOptions(const LabelLayout &layout, const LabelOptions &o)
{
    Issues issues;
    const double top = o.topMm >= 0 ? o.topMm : layout.topMm;
    const double left = o.leftMm >= 0 ? o.leftMm : layout.leftMm;
    const double right = left + (layout.columns - 1) * layout.pitchXMm + layout.labelMm.width();
    const double bottom = top + (layout.rows - 1) * layout.pitchYMm + layout.labelMm.height();
    if (right > 210.0 + 1e-6)
        issues << Issue{QStringLiteral("margin_left"), QStringLiteral("labels.off_sheet"),
                        tr("With a left margin of %1 mm the labels end %2 mm from the left edge, "
                           "past the 210 mm of an A4 sheet.")
                            .arg(left, 0, 'f', 1)
                            .arg(right, 0, 'f', 1)};
    if (bottom > 297.0 + 1e-6)
        issues << Issue{QStringLiteral("margin_top"), QStringLiteral("labels.off_sheet"),
                        tr("With a top margin of %1 mm the labels end %2 mm from the top edge, "
                           "past the 297 mm of an A4 sheet.")
                            .arg(top, 0, 'f', 1)
                            .arg(bottom, 0, 'f', 1)};
    if (o.fontPt < o.minLegiblePt || o.fontPt > 16)
        issues << Issue{QStringLiteral("font_size"), QStringLiteral("labels.font_size"),
                        tr("The font size is between %1 and 16 pt.").arg(o.minLegiblePt)};
    if (!issues.isEmpty())
        return Error::invalid(issues);
    return Ok{};
}

Result<Csv::ExportSummary> run(Store &store, const Csv::ExportOptions &options,
                               const LabelOptions &labels, QPagedPaintDevice *device)
{
    auto layout = labelLayout(labels.layout);
    if (!layout)
        return layout.error();
    if (Status s = checkOptions(*layout, labels); !s)
        return s.error();
    LabelSink sink(*layout, labels, device);
    return Csv::exportDeliveryList(store, options, &sink);
}

} // namespace

const QList<LabelLayout> &labelLayouts()
{
    static const QList<LabelLayout> list = {
        LabelLayout{QStringLiteral("L7160"),
                    tr("A4, 3 x 7 labels of 63.5 x 38.1 mm (Avery L7160 and alike)"), 3, 7,
                    QSizeF(63.5, 38.1), 15.15, 7.2, 66.0, 38.1},
        LabelLayout{QStringLiteral("L7163"),
                    tr("A4, 2 x 7 labels of 99.1 x 38.1 mm (Avery L7163 and alike)"), 2, 7,
                    QSizeF(99.1, 38.1), 15.15, 4.65, 101.6, 38.1},
    };
    return list;
}

Result<LabelLayout> labelLayout(const QString &name)
{
    QStringList names;
    for (const LabelLayout &l : labelLayouts()) {
        if (l.name.compare(name, Qt::CaseInsensitive) == 0)
            return l;
        names << l.name;
    }
    return Error::make(ErrorKind::NotFound, QStringLiteral("labels.unknown"),
                       tr("There is no label layout named \"%1\"; the layouts are: %2")
                           .arg(name, names.join(QStringLiteral(", "))));
}

Result<Csv::ExportSummary> exportLabels(Store &store, const Csv::ExportOptions &options,
                                        const LabelOptions &labels)
{
    return run(store, options, labels, nullptr);
}

Result<Csv::ExportSummary> printLabels(Store &store, const Csv::ExportOptions &options,
                                       const LabelOptions &labels, QPagedPaintDevice *device)
{
    return run(store, options, labels, device);
}

} // namespace Relais::Print
