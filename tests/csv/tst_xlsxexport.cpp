// The spreadsheet export (.xlsx). Each file is described in a manifest (every cell with its type:
// text, number or date) that xlsx_readback.py checks with Python's zipfile and the sheet's XML, a
// reader this project did not write (ctest runs it after this test).

#include "csvexport.h"
#include "deskfixture.h"
#include "xlsxexport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using namespace Relais;
using namespace Relais::Csv;

namespace {

const QDate kIssue(2026, 6, 3); // a Wednesday

QString outDir()
{
    static QTemporaryDir temp;
    QString dir = qEnvironmentVariable("RELAIS_XLSX_OUT");
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

// Cells as the reader reports them: "s:text", "n:number", "d:YYYY-MM-DD", "" for no cell.
QString text(const QString &v)
{
    return v.isEmpty() ? QString() : QStringLiteral("s:") + v;
}
QString number(qint64 v)
{
    return QStringLiteral("n:") + QString::number(v);
}
QString date(QDate d)
{
    return QStringLiteral("d:") + d.toString(Qt::ISODate);
}

void expectSheet(const QString &file, const QString &dateFormat, const QList<QStringList> &rows)
{
    QJsonArray r;
    for (const QStringList &row : rows)
        r << QJsonArray::fromStringList(row);
    manifest() << QJsonObject{{QStringLiteral("file"), file},
                              {QStringLiteral("date_format"), dateFormat},
                              {QStringLiteral("rows"), r}};
    QFile f(QDir(outDir()).filePath(QStringLiteral("xlsx-manifest.json")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(manifest()).toJson());
}

QStringList headerCells(const QStringList &headers)
{
    QStringList out;
    for (const QString &h : headers)
        out << text(h);
    return out;
}

} // namespace

class TestXlsxExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void dateFormat_data();
    void dateFormat();
    void sheetName();
    void routeurAndComplet();
    void cancelLeavesNoFile();
};

void TestXlsxExport::initTestCase()
{
    // Dates are shown in the clerk's locale: a French desk.
    QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
}

void TestXlsxExport::dateFormat_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("expected");
    QTest::newRow("fr_FR") << QLocale(QLocale::French, QLocale::France)
                           << QStringLiteral("dd/mm/yyyy");
    QTest::newRow("en_US") << QLocale(QLocale::English, QLocale::UnitedStates)
                           << QStringLiteral("m/d/yyyy");
    QTest::newRow("de_DE") << QLocale(QLocale::German, QLocale::Germany)
                           << QStringLiteral("dd.mm.yyyy");
}

void TestXlsxExport::dateFormat()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, expected);
    QCOMPARE(xlsxDateFormat(locale), expected);
}

void TestXlsxExport::sheetName()
{
    QCOMPARE(xlsxSheetName(QStringLiteral("LQC"), kIssue), QStringLiteral("LQC 2026-06-03"));
    QCOMPARE(xlsxSheetName(QStringLiteral("A/B:C"), kIssue), QStringLiteral("A-B-C 2026-06-03"));
    QVERIFY(xlsxSheetName(QString(40, u'X'), kIssue).size() == 31);
}

void TestXlsxExport::routeurAndComplet()
{
    Test::DeskFixture desk;
    Store &store = desk.store();

    // Postal code and phone with leading zeros; a name that a spreadsheet would run as a formula.
    Subscriber s = Test::DeskFixture::person(QStringLiteral("=Dupont"), QStringLiteral("Hélène"));
    s.civility = QStringLiteral("Mme");
    s.address.line2 = QStringLiteral("Bât. A; 3e étage");
    s.address.line4 = QStringLiteral("3 allée de l'Église");
    s.address.postalCode = QStringLiteral("01000");
    s.address.city = QStringLiteral("Bourg-en-Bresse");
    s.address.inseeCode = QStringLiteral("01053"); // a leading zero too
    s.phone = QStringLiteral("0612345678");
    s.email = QStringLiteral("helene@example.fr");
    auto r = store.addSubscriber(s);
    QVERIFY2(r, qPrintable(r ? QString() : r.error().fullText()));
    const Subscriber helene = *r;
    const Subscription subHelene = desk.subscribe(helene, QDate(2026, 1, 1), QDate(2026, 12, 31),
                                                  2);

    s = Test::DeskFixture::person(QStringLiteral("Lefèvre"), QStringLiteral("Zoë"));
    s.phone = QStringLiteral("+33 1 23 45 67 89");
    r = store.addSubscriber(s);
    QVERIFY2(r, qPrintable(r ? QString() : r.error().fullText()));
    const Subscriber zoe = *r;
    const Subscription subZoe = desk.subscribe(zoe, QDate(2026, 2, 1));

    ExportOptions o;
    o.publicationCode = desk.daily().code;
    o.date = kIssue;
    o.format = Format::Xlsx;
    o.outPath = QDir(outDir()).filePath(QStringLiteral("routeur.xlsx"));
    auto summary = exportDeliveryList(store, o);
    QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().fullText()));
    QCOMPARE(summary->rows, 2);
    QCOMPARE(summary->copies, 3);
    QCOMPARE(summary->sha256.size(), 64);
    QFile f(o.outPath);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromLatin1(
                 QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex()),
             summary->sha256);
    QVERIFY(f.size() > 0);
    // No temporary file left beside it.
    QCOMPARE(QDir(outDir()).entryList({QStringLiteral("*.part")}, QDir::Files).size(), 0);
    auto log = exportLog(store);
    QVERIFY(log);
    QCOMPARE(log->first().preset, QStringLiteral("routeur (xlsx)"));

    const QString fr = QStringLiteral("dd/mm/yyyy");
    expectSheet(QStringLiteral("routeur.xlsx"), fr,
                {headerCells({QStringLiteral("L1"), QStringLiteral("L2"), QStringLiteral("L3"),
                              QStringLiteral("L4"), QStringLiteral("L5"), QStringLiteral("L6"),
                              QStringLiteral("PAYS"), QStringLiteral("EXEMPLAIRES"),
                              QStringLiteral("NUMERO_ABONNE"), QStringLiteral("ID_ABONNEMENT")}),
                 {text(QStringLiteral("Mme Hélène =Dupont")),
                  text(QStringLiteral("Bât. A; 3e étage")),
                  {},
                  text(QStringLiteral("3 ALLEE DE L EGLISE")),
                  {},
                  text(QStringLiteral("01000 BOURG EN BRESSE")),
                  {},
                  number(2),
                  text(QString::number(helene.number)),
                  text(subHelene.meta.id)},
                 {text(QStringLiteral("M. Zoë Lefèvre")),
                  {},
                  {},
                  text(QStringLiteral("12 RUE DE LA PAIX")),
                  {},
                  text(QStringLiteral("75002 PARIS")),
                  {},
                  number(1),
                  text(QString::number(zoe.number)),
                  text(subZoe.meta.id)}});

    // complet: the name as typed, "=Dupont" first in its cell, stays text; dates are dates.
    o.preset = QStringLiteral("complet");
    o.outPath = QDir(outDir()).filePath(QStringLiteral("complet.xlsx"));
    summary = exportDeliveryList(store, o);
    QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().fullText()));
    QStringList header;
    // Kept in a variable: a range-for over value() of a temporary would read a destroyed list
    // (found by AddressSanitizer; C++20 does not extend the temporary's life).
    const auto completColumns = presetColumns(store, QStringLiteral("complet"));
    QVERIFY(completColumns);
    for (const QString &key : completColumns.value())
        for (const ColumnInfo &c : allColumns())
            if (c.key == key)
                header << c.header;
    auto completRow = [&](const Subscriber &sub, const Subscription &subscription,
                          QStringList labelLines, const QString &phone, const QString &email) {
        return QStringList{text(QString::number(sub.number)),
                           text(sub.civility),
                           text(sub.firstName),
                           text(sub.lastName),
                           {},
                           text(sub.address.line2),
                           {},
                           text(sub.address.line4),
                           {},
                           text(sub.address.postalCode),
                           text(sub.address.city),
                           {},
                           sub.address.inseeCode.isEmpty() ? QString()
                                                           : text(sub.address.inseeCode),
                           text(email),
                           text(phone),
                           number(subscription.copies),
                           text(subscription.meta.id),
                           text(desk.dailyOffer().code),
                           date(subscription.start),
                           subscription.end.isValid() ? date(subscription.end) : QString(),
                           {},
                           number(0)}
               + labelLines + QStringList{{}};
    };
    expectSheet(QStringLiteral("complet.xlsx"), fr,
                {headerCells(header),
                 completRow(helene, subHelene,
                            {text(QStringLiteral("Mme Hélène =Dupont")),
                             text(QStringLiteral("Bât. A; 3e étage")),
                             {},
                             text(QStringLiteral("3 ALLEE DE L EGLISE")),
                             {},
                             text(QStringLiteral("01000 BOURG EN BRESSE"))},
                            helene.phone, QStringLiteral("helene@example.fr")),
                 completRow(zoe, subZoe,
                            {text(QStringLiteral("M. Zoë Lefèvre")),
                             {},
                             {},
                             text(QStringLiteral("12 RUE DE LA PAIX")),
                             {},
                             text(QStringLiteral("75002 PARIS"))},
                            zoe.phone, {})});
    // Phones are stored in the national form: their leading zero is what a spreadsheet loses.
    QCOMPARE(helene.phone, QStringLiteral("06 12 34 56 78"));
    QCOMPARE(zoe.phone, QStringLiteral("01 23 45 67 89"));
}

void TestXlsxExport::cancelLeavesNoFile()
{
    Test::DeskFixture desk;
    Store &store = desk.store();
    for (int i = 0; i < 1001; ++i) // progress is asked every 1,000 lines
        desk.subscribe(desk.addPerson(QStringLiteral("Nom%1").arg(i)), QDate(2026, 1, 1));
    QTemporaryDir dir;
    ExportOptions o;
    o.publicationCode = desk.daily().code;
    o.date = kIssue;
    o.format = Format::Xlsx;
    o.outPath = dir.filePath(QStringLiteral("cancelled.xlsx"));
    o.progress = [](qint64, qint64) { return false; };
    auto summary = exportDeliveryList(store, o);
    QVERIFY(!summary);
    QCOMPARE(summary.error().code, QStringLiteral("cancelled"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot), QStringList());
}

QTEST_GUILESS_MAIN(TestXlsxExport)
#include "tst_xlsxexport.moc"
