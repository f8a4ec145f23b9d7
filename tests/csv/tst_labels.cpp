// Sheets of address labels (PDF). Each file is described in a manifest (layout, margins, every
// label's lines in presort order) that labels_readback.py checks with pdftotext (poppler), a reader
// this project did not write: page count, each label's text at its place, nothing outside its label.

#include "deliverylist.h"
#include "deskfixture.h"
#include "labelsheet.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Relais;
using namespace Relais::Csv;
using namespace Relais::Print;

namespace {

const QDate kIssue(2026, 6, 3); // a Wednesday

QString outDir()
{
    static QTemporaryDir temp;
    QString dir = qEnvironmentVariable("RELAIS_LABELS_OUT");
    if (dir.isEmpty())
        dir = temp.path();
    QDir().mkpath(dir);
    return dir;
}

QJsonArray &manifest()
{
    static QJsonArray m;
    return m;
}

void setRaw(Store &store, const QString &subscriberId, const QString &column, const QString &value)
{
    QSqlQuery q(store.db());
    QVERIFY(q.prepare(QStringLiteral("UPDATE subscriber SET %1 = ? WHERE id = ?").arg(column)));
    q.addBindValue(value);
    q.addBindValue(subscriberId);
    QVERIFY(q.exec());
}

// The labels the desk's delivery list should give, in presort order: the non-empty lines L1..L6
// and the country.
QList<QStringList> expectedLabels(Store &store, const Publication &p)
{
    QList<QStringList> out;
    DeliveryListQuery query(store.db());
    const auto lines = query.lines(p, kIssue);
    if (!lines)
        return out;
    for (const DeliveryLine &l : *lines) {
        const MailingAddress m = formatMailingAddress(l);
        QStringList label;
        for (const QString &text : m.lines)
            if (!text.isEmpty())
                label << text;
        if (!m.country.isEmpty())
            label << m.country;
        if (l.copies > 1)
            label << QStringLiteral("\u00D7 %1").arg(l.copies); // the bundle's copies, bottom right
        out << label;
    }
    return out;
}

void expectLabels(const QString &file, const LabelLayout &layout, double topMm, double leftMm,
                  const QList<QStringList> &labels)
{
    QJsonArray a;
    for (const QStringList &l : labels)
        a << QJsonArray::fromStringList(l);
    manifest() << QJsonObject{{QStringLiteral("file"), file},
                              {QStringLiteral("columns"), layout.columns},
                              {QStringLiteral("rows"), layout.rows},
                              {QStringLiteral("width"), layout.labelMm.width()},
                              {QStringLiteral("height"), layout.labelMm.height()},
                              {QStringLiteral("top"), topMm},
                              {QStringLiteral("left"), leftMm},
                              {QStringLiteral("pitch_x"), layout.pitchXMm},
                              {QStringLiteral("pitch_y"), layout.pitchYMm},
                              {QStringLiteral("labels"), a}};
    QFile f(QDir(outDir()).filePath(QStringLiteral("labels-manifest.json")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(manifest()).toJson());
}

} // namespace

class TestLabels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void layouts();
    void twoSheetsOfL7160();
    void l7163WithMargins();
    void tooNarrowIsReported();
    void badOptions_data();
    void badOptions();
    void cancelLeavesNoFile();

private:
    void fill(Test::DeskFixture &desk, int people);
    std::optional<Test::DeskFixture> m_desk;
};

void TestLabels::initTestCase()
{
    m_desk.emplace();
    fill(*m_desk, 20);
}

void TestLabels::fill(Test::DeskFixture &desk, int people)
{
    Store &store = desk.store();
    const QDate start(2026, 1, 1);
    for (int i = 0; i < people; ++i)
        desk.subscribe(desk.addPerson(QStringLiteral("Lefèvre-%1").arg(QChar(u'A' + i)),
                                      QStringLiteral("Hélène")),
                       start, {}, 1 + i % 2);
    // Accents and every line; abroad; on holiday; held (no label); a legacy line of 50 characters.
    Subscriber s = Test::DeskFixture::person(QStringLiteral("D'Aubigné"), QStringLiteral("Zoë"));
    s.civility = QStringLiteral("Mme");
    s.address.line2 = QStringLiteral("Appartement 12");
    s.address.line3 = QStringLiteral("Résidence Les Pins");
    s.address.line4 = QStringLiteral("3 allée de l'Église");
    s.address.line5 = QStringLiteral("Lieu-dit Le Bourg");
    s.address.postalCode = QStringLiteral("01000");
    s.address.city = QStringLiteral("Bourg-en-Bresse");
    auto r = store.addSubscriber(s);
    QVERIFY2(r, qPrintable(r ? QString() : r.error().fullText()));
    desk.subscribe(*r, start);
    s = Test::DeskFixture::person(QStringLiteral("Peeters"), QStringLiteral("Jan"));
    s.address.line4 = QStringLiteral("Rue de la Loi 16");
    s.address.postalCode = QStringLiteral("1000");
    s.address.city = QStringLiteral("Bruxelles");
    s.address.country = QStringLiteral("Belgique");
    r = store.addSubscriber(s);
    QVERIFY2(r, qPrintable(r ? QString() : r.error().fullText()));
    desk.subscribe(*r, start);
    const Subscription away = desk.subscribe(desk.addPerson(QStringLiteral("Vacancier")), start);
    DeliveryChange holiday;
    holiday.subscriptionId = away.meta.id;
    holiday.kind = DeliveryChangeKind::TemporaryAddress;
    holiday.from = kIssue.addDays(-2);
    holiday.to = kIssue;
    holiday.address.line4 = QStringLiteral("8 quai de la Douane");
    holiday.address.postalCode = QStringLiteral("29200");
    holiday.address.city = QStringLiteral("Brest");
    QVERIFY(store.addDeliveryChange(holiday));
    const Subscription held = desk.subscribe(desk.addPerson(QStringLiteral("Absent")), start);
    DeliveryChange hold;
    hold.subscriptionId = held.meta.id;
    hold.kind = DeliveryChangeKind::Hold;
    hold.from = kIssue;
    hold.to = kIssue.addDays(3);
    QVERIFY(store.addDeliveryChange(hold));
    const Subscriber legacy = desk.addPerson(QStringLiteral("Bernard"), QStringLiteral("Luc"));
    setRaw(store, legacy.meta.id, QStringLiteral("line4"),
           QStringLiteral("17 rue Hippolyte Bouchardeau-Montgolfier-Vaucanson"));
    desk.subscribe(legacy, start);
}

void TestLabels::layouts()
{
    QCOMPARE(labelLayouts().size(), 2);
    const LabelLayout l7160 = labelLayout(QStringLiteral("L7160")).value();
    QCOMPARE(l7160.perSheet(), 21);
    QCOMPARE(l7160.labelMm, QSizeF(63.5, 38.1));
    const LabelLayout l7163 = labelLayout(QStringLiteral("l7163")).value();
    QCOMPARE(l7163.perSheet(), 14);
    QCOMPARE(l7163.labelMm, QSizeF(99.1, 38.1));
    for (const LabelLayout &l : labelLayouts()) {
        // The grid fits an A4 sheet with the layout's own margins, symmetrically.
        const double right = l.leftMm + (l.columns - 1) * l.pitchXMm + l.labelMm.width();
        const double bottom = l.topMm + (l.rows - 1) * l.pitchYMm + l.labelMm.height();
        QVERIFY(qAbs((210 - right) - l.leftMm) < 0.15);
        QVERIFY(qAbs((297 - bottom) - l.topMm) < 0.15);
    }
}

void TestLabels::twoSheetsOfL7160()
{
    Store &store = m_desk->store();
    ExportOptions o;
    o.publicationCode = m_desk->daily().code;
    o.date = kIssue;
    o.outPath = QDir(outDir()).filePath(QStringLiteral("l7160.pdf"));
    auto summary = exportLabels(store, o, LabelOptions{});
    QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().fullText()));
    const QList<QStringList> labels = expectedLabels(store, m_desk->daily());
    QCOMPARE(summary->rows,
             24); // 20 + Zoë + Jan + the holiday address + Luc; the held one has none
    QCOMPARE(labels.size(), 24);
    // The labels in presort order (postal codes as text): Bourg-en-Bresse (01000), then Brussels
    // (1000), ..., Brest (29200), then Paris (75002).
    QCOMPARE(labels.at(0),
             (QStringList{QStringLiteral("Mme Zoë D'Aubigné"), QStringLiteral("Appartement 12"),
                          QStringLiteral("Résidence Les Pins"),
                          QStringLiteral("3 ALLEE DE L EGLISE"),
                          QStringLiteral("LIEU DIT LE BOURG"),
                          QStringLiteral("01000 BOURG EN BRESSE")}));
    QCOMPARE(labels.at(1),
             (QStringList{QStringLiteral("M. Jan Peeters"), QStringLiteral("RUE DE LA LOI 16"),
                          QStringLiteral("1000 BRUXELLES"), QStringLiteral("BELGIQUE")}));
    QCOMPARE(labels.at(2),
             (QStringList{QStringLiteral("M. Jean Vacancier"),
                          QStringLiteral("8 QUAI DE LA DOUANE"), QStringLiteral("29200 BREST")}));
    const LabelLayout l = labelLayout(QStringLiteral("L7160")).value();
    expectLabels(QStringLiteral("l7160.pdf"), l, l.topMm, l.leftMm, labels);

    // The 50-character line is printed whole and listed in the warnings file, as for the CSV.
    QVERIFY(!summary->warningsPath.isEmpty());
    QFile w(summary->warningsPath);
    QVERIFY(w.open(QIODevice::ReadOnly));
    QVERIFY(QString::fromUtf8(w.readAll())
                .contains(QStringLiteral("17 RUE HIPPOLYTE BOUCHARDEAU MONTGOLFIER VAUCANSON")));
    auto log = exportLog(store, 1);
    QVERIFY(log);
    QCOMPARE(log->first().preset, QStringLiteral("routeur (pdf)"));
    QCOMPARE(log->first().sha256, summary->sha256);
    QCOMPARE(fileSha256(o.outPath), summary->sha256);
}

void TestLabels::l7163WithMargins()
{
    Store &store = m_desk->store();
    ExportOptions o;
    o.publicationCode = m_desk->daily().code;
    o.date = kIssue;
    o.outPath = QDir(outDir()).filePath(QStringLiteral("l7163.pdf"));
    LabelOptions labels;
    labels.layout = QStringLiteral("L7163");
    labels.topMm = 10;
    labels.leftMm = 6;
    labels.fontPt = 11;
    auto summary = exportLabels(store, o, labels);
    QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().fullText()));
    expectLabels(QStringLiteral("l7163.pdf"), labelLayout(QStringLiteral("L7163")).value(), 10, 6,
                 expectedLabels(store, m_desk->daily()));
}

void TestLabels::tooNarrowIsReported()
{
    // A legible size of 9 pt on a 63.5 mm label: a street of 33 capitals does not fit at 9 pt.
    Test::DeskFixture desk;
    Subscriber s = Test::DeskFixture::person(QStringLiteral("Large"));
    s.address.line4 = QStringLiteral("123 boulevard Général Leclerc Nord");
    auto r = desk.store().addSubscriber(s);
    QVERIFY2(r, qPrintable(r ? QString() : r.error().fullText()));
    desk.subscribe(*r, QDate(2026, 1, 1));
    desk.subscribe(desk.addPerson(QStringLiteral("Petit")), QDate(2026, 1, 1));
    QTemporaryDir dir;
    ExportOptions o;
    o.publicationCode = desk.daily().code;
    o.date = kIssue;
    o.outPath = dir.filePath(QStringLiteral("narrow.pdf"));
    LabelOptions labels;
    labels.fontPt = 9;
    labels.minLegiblePt = 9;
    auto summary = exportLabels(desk.store(), o, labels);
    QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().fullText()));
    QCOMPARE(summary->warnings, 1);
    QFile w(summary->warningsPath);
    QVERIFY(w.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(w.readAll());
    QVERIFY2(text.contains(
                 QStringLiteral("%1;4;Line 4 fits the L7160 label only at").arg(r->number)),
             qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("123 BD DU GENERAL LECLERC NORD"))
            || text.contains(QStringLiteral("123 BOULEVARD")));
    QVERIFY(QFile::exists(o.outPath)); // printed whole, smaller
}

void TestLabels::badOptions_data()
{
    QTest::addColumn<QString>("layout");
    QTest::addColumn<double>("top");
    QTest::addColumn<double>("left");
    QTest::addColumn<double>("font");
    QTest::addColumn<QString>("code");
    QTest::newRow("unknown layout")
        << QStringLiteral("L9999") << -1.0 << -1.0 << 9.0 << QStringLiteral("labels.unknown");
    QTest::newRow("off the right edge")
        << QStringLiteral("L7160") << -1.0 << 20.0 << 9.0 << QStringLiteral("invalid");
    QTest::newRow("off the bottom")
        << QStringLiteral("L7163") << 40.0 << -1.0 << 9.0 << QStringLiteral("invalid");
    QTest::newRow("font too big") << QStringLiteral("L7163") << -1.0 << -1.0 << 30.0
                                  << QStringLiteral("invalid");
}

void TestLabels::badOptions()
{
    QFETCH(QString, layout);
    QFETCH(double, top);
    QFETCH(double, left);
    QFETCH(double, font);
    QFETCH(QString, code);
    QTemporaryDir dir;
    ExportOptions o;
    o.publicationCode = m_desk->daily().code;
    o.date = kIssue;
    o.outPath = dir.filePath(QStringLiteral("bad.pdf"));
    LabelOptions labels;
    labels.layout = layout;
    labels.topMm = top;
    labels.leftMm = left;
    labels.fontPt = font;
    auto summary = exportLabels(m_desk->store(), o, labels);
    QVERIFY(!summary);
    QCOMPARE(summary.error().code, code);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot), QStringList());
}

void TestLabels::cancelLeavesNoFile()
{
    Test::DeskFixture desk;
    for (int i = 0; i < 1001; ++i) // progress is asked every 1,000 lines
        desk.subscribe(desk.addPerson(QStringLiteral("Nom%1").arg(i)), QDate(2026, 1, 1));
    QTemporaryDir dir;
    ExportOptions o;
    o.publicationCode = desk.daily().code;
    o.date = kIssue;
    o.outPath = dir.filePath(QStringLiteral("cancelled.pdf"));
    o.progress = [](qint64, qint64) { return false; };
    auto summary = exportLabels(desk.store(), o, LabelOptions{});
    QVERIFY(!summary);
    QCOMPARE(summary.error().code, QStringLiteral("cancelled"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot), QStringList());
}

QTEST_MAIN(TestLabels)
#include "tst_labels.moc"
