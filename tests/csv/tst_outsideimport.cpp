// Address files from elsewhere: a mailing list as another program or a routeur writes it (the six
// NF Z10-011 lines, a postal code column, no town column, an INSEE commune code), imported as it
// is; the INSEE code checked against the postal code; an unknown column refused with the exact
// mapping line that lets the file in.

#include "csvimport.h"
#include "deskfixture.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Relais;
using namespace Relais::Csv;

namespace {

QTemporaryDir &tempDir()
{
    static QTemporaryDir dir;
    return dir;
}

QString writeFile(const QString &name, const QByteArray &data)
{
    const QString path = tempDir().filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(data);
    return path;
}

// A routeur-style export from another program: Windows-1252 is common there, but this one is
// UTF-8 with a BOM; L1-L6 as printed, the postal code again, the INSEE code, no town column.
const QByteArray kHeader = "\xEF\xBB\xBFNUM_CLIENT;L1;L2;L3;L4;L5;L6;CODE_POSTAL;code_insee\r\n";

QByteArray row(const char *number, const char *l1, const char *l2, const char *l4, const char *l6,
               const char *cp, const char *insee)
{
    return QByteArray(number) + ';' + l1 + ';' + l2 + ";;" + l4 + ";;" + l6 + ';' + cp + ';' + insee
           + "\r\n";
}

} // namespace

class TestOutsideImport : public QObject
{
    Q_OBJECT

private slots:
    void mailingListWithInsee();
    void cityCodeForAnArrondissement_data();
    void cityCodeForAnArrondissement();
    void rowRules_data();
    void rowRules();
    void inseeAliases_data();
    void inseeAliases();
    void unknownColumnShowsTheMappingLine();
};

void TestOutsideImport::mailingListWithInsee()
{
    Test::DeskFixture desk;
    const QString path = writeFile(QStringLiteral("routeur-ailleurs.csv"),
                                   kHeader
                                       + row("00001039", "M. Jean Dupont", "", "12 RUE DE LA PAIX",
                                             "75002 PARIS", "75002", "75102")
                                       + row("00001040", "Mme Hélène Lefèvre", "Appartement 3",
                                             "3 ALLEE DE L EGLISE", "01000 BOURG EN BRESSE",
                                             "01000", "01053")
                                       + row("00001041", "Mme Zoë Durand", "", "1 PLACE BELLECOUR",
                                             "69002 LYON", "69002", "69382")
                                       + row("00001042", "M. Ange Santoni", "", "2 COURS NAPOLEON",
                                             "20000 AJACCIO", "20000", "2A004"));
    ImportOptions o;
    o.inPath = path;
    auto r = importSubscribers(desk.store(), o);
    QVERIFY2(r, qPrintable(r ? QString() : r.error().fullText()));
    QCOMPARE(r->rows, 4);
    QCOMPARE(r->imported, 4);
    QVERIFY(r->mapping.contains(QStringLiteral("code_insee -> insee_code")));
    QVERIFY(r->mapping.contains(QStringLiteral("L6 -> line6")));

    // The town comes from line 6, after the postal code; the number keeps its value (1039).
    auto dupont = desk.store().subscriberByNumber(1039);
    QVERIFY(dupont);
    QCOMPARE(dupont->address.postalCode, QStringLiteral("75002"));
    QCOMPARE(dupont->address.city, QStringLiteral("PARIS"));
    QCOMPARE(dupont->lastName, QStringLiteral("Dupont"));
    auto helene = desk.store().subscriberByNumber(1040);
    QVERIFY(helene);
    QCOMPARE(helene->address.postalCode, QStringLiteral("01000")); // the leading zero kept
    QCOMPARE(helene->address.city, QStringLiteral("BOURG EN BRESSE"));
    QCOMPARE(helene->address.line2, QStringLiteral("Appartement 3"));
    QCOMPARE(desk.store().subscriberByNumber(1042)->address.city, QStringLiteral("AJACCIO"));

    // The INSEE code is kept with the address, Corsica's 2A included.
    QCOMPARE(dupont->address.inseeCode, QStringLiteral("75102"));
    QCOMPARE(helene->address.inseeCode, QStringLiteral("01053"));
    QCOMPARE(desk.store().subscriberByNumber(1041)->address.inseeCode, QStringLiteral("69382"));
    QCOMPARE(desk.store().subscriberByNumber(1042)->address.inseeCode, QStringLiteral("2A004"));
    // As a column of the row, and in the operation the server receives.
    QSqlQuery q(desk.store().db());
    QVERIFY(q.exec(QStringLiteral("SELECT insee_code FROM subscriber WHERE number = 1040"))
            && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("01053"));
    QVERIFY(
        q.exec(
            QStringLiteral("SELECT fields FROM outbox WHERE entity_id = '%1'").arg(helene->meta.id))
        && q.next());
    QCOMPARE(QJsonDocument::fromJson(q.value(0).toByteArray())
                 .object()
                 .value(QStringLiteral("insee_code"))
                 .toString(),
             QStringLiteral("01053"));
}

void TestOutsideImport::cityCodeForAnArrondissement_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("insee");
    // Paris, Marseille and Lyon: the city's own code is as good as the arrondissement's.
    QTest::newRow("Paris") << row("7", "M. Jean Dupont", "", "12 RUE DE LA PAIX", "75002 PARIS",
                                  "75002", "75056")
                           << QStringLiteral("75056");
    QTest::newRow("Marseille") << row("7", "M. Jean Dupont", "", "1 RUE DE ROME", "13001 MARSEILLE",
                                      "13001", "13055")
                               << QStringLiteral("13055");
    QTest::newRow("Lyon") << row("7", "M. Jean Dupont", "", "1 PLACE BELLECOUR", "69002 LYON",
                                 "69002", "69123")
                          << QStringLiteral("69123");
    QTest::newRow("no code") << row("7", "M. Jean Dupont", "", "1 PLACE BELLECOUR", "69002 LYON",
                                    "69002", "")
                             << QString();
}

void TestOutsideImport::cityCodeForAnArrondissement()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, insee);
    Test::DeskFixture desk;
    ImportOptions o;
    o.inPath = writeFile(QStringLiteral("arr.csv"), kHeader + line);
    auto r = importSubscribers(desk.store(), o);
    QVERIFY2(r, qPrintable(r ? QString() : r.error().fullText()));
    QCOMPARE(desk.store().subscriberByNumber(7)->address.inseeCode, insee);
}

void TestOutsideImport::rowRules_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("place");
    QTest::addColumn<QString>("says");
    QTest::newRow("INSEE of another postal code")
        << row("7", "M. Jean Dupont", "", "12 RUE DE LA PAIX", "75002 PARIS", "75002", "01053")
        << QStringLiteral("insee.mismatch")
        << QStringLiteral("f.csv:3: column code_insee (insee_code)")
        << QStringLiteral("75102 Paris 2e Arrondissement");
    QTest::newRow("INSEE of Marseille for a Paris code")
        << row("7", "M. Jean Dupont", "", "12 RUE DE LA PAIX", "75002 PARIS", "75002", "13055")
        << QStringLiteral("insee.mismatch")
        << QStringLiteral("f.csv:3: column code_insee (insee_code)")
        << QStringLiteral("The INSEE code 13055 is not a commune of postal code 75002");
    QTest::newRow("INSEE of four digits")
        << row("7", "M. Jean Dupont", "", "12 RUE DE LA PAIX", "75002 PARIS", "75002", "7510")
        << QStringLiteral("insee.format")
        << QStringLiteral("f.csv:3: column code_insee (insee_code)")
        << QStringLiteral("\"7510\" is not an INSEE commune code");
    QTest::newRow("line 6 against the postal code")
        << row("7", "M. Jean Dupont", "", "12 RUE DE LA PAIX", "75003 PARIS", "75002", "75102")
        << QStringLiteral("line6.postal_code") << QStringLiteral("f.csv:3: column L6 (line6)")
        << QStringLiteral(
               "Line 6 starts with the postal code 75003, but the postal code column says 75002.");
    QTest::newRow("line 6 without a postal code")
        << row("7", "M. Jean Dupont", "", "12 RUE DE LA PAIX", "PARIS", "75002", "75102")
        << QStringLiteral("line6.format") << QStringLiteral("f.csv:3: column L6 (line6)")
        << QStringLiteral("\"PARIS\" is not");
}

void TestOutsideImport::rowRules()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, rule);
    QFETCH(QString, place);
    QFETCH(QString, says);
    Test::DeskFixture desk;
    ImportOptions o;
    o.inPath = writeFile(QStringLiteral("f.csv"),
                         kHeader
                             + row("1", "Mme Anne Martin", "", "5 RUE DE LA PAIX", "75002 PARIS",
                                   "75002", "75102")
                             + line);
    auto r = importSubscribers(desk.store(), o);
    QVERIFY(!r);
    bool found = false;
    for (const Issue &i : r.error().issues)
        found |= i.rule == rule && i.field == place && i.message.contains(says);
    QVERIFY2(found, qPrintable(r.error().fullText()));
    // All or nothing: the good row before it is not kept either.
    QVERIFY(!desk.store().subscriberByNumber(1));
}

void TestOutsideImport::inseeAliases_data()
{
    QTest::addColumn<QString>("header");
    for (const char *h : {"code_insee", "code_commune", "insee", "Code INSEE", "CODE_COMMUNE"})
        QTest::newRow(h) << QString::fromLatin1(h);
}

void TestOutsideImport::inseeAliases()
{
    QFETCH(QString, header);
    QCOMPARE(fieldForHeader(header), std::optional<QString>(QStringLiteral("insee_code")));
}

void TestOutsideImport::unknownColumnShowsTheMappingLine()
{
    Test::DeskFixture desk;
    const QByteArray
        header = "NUM_CLIENT;L1;L4;L6;\"Code \"\"tournée\"\"\"\r\n"; // RFC 4180 quoting
    ImportOptions o;
    o.inPath = writeFile(QStringLiteral("tournee.csv"),
                         header + "12;M. Jean Dupont;12 RUE DE LA PAIX;75002 PARIS;T14\r\n");
    auto r = importSubscribers(desk.store(), o);
    QVERIFY(!r);
    QCOMPARE(r.error().issues.size(), 1);
    const Issue i = r.error().issues.first();
    QCOMPARE(i.rule, QStringLiteral("header.unknown"));
    QCOMPARE(i.field, QStringLiteral("tournee.csv:1: column Code \"tournée\""));
    // The exact line to add, JSON-quoted (the header's own quotes escaped).
    const QString line = QStringLiteral("{\"Code \\\"tournée\\\"\": \"\"}");
    QVERIFY2(i.message.contains(line), qPrintable(i.message));

    // That line, as a mapping file, lets the file in.
    const QString mapping = writeFile(QStringLiteral("mapping.json"), line.toUtf8());
    QVERIFY(QJsonDocument::fromJson(line.toUtf8()).isObject());
    o.mappingPath = mapping;
    r = importSubscribers(desk.store(), o);
    QVERIFY2(r, qPrintable(r ? QString() : r.error().fullText()));
    QCOMPARE(r->imported, 1);
    QVERIFY(r->mapping.contains(QStringLiteral("Code \"tournée\" -> (ignored)")));
}

QTEST_GUILESS_MAIN(TestOutsideImport)
#include "tst_outsideimport.moc"
