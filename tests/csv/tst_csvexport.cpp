// The mailing-house export at its boundaries. Each exported file is also described in a manifest
// (expected rows, encoding, separator) that readback.py checks with Python's csv module, a parser
// this project did not write (ctest runs it after this test).

#include "csvexport.h"
#include "deskfixture.h"
#include "mailingaddress.h"
#include "streetabbreviations.h"

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

namespace {

const QDate kIssue(2026, 6, 3); // a Wednesday

QString outDir()
{
    static QTemporaryDir temp;
    QString dir = qEnvironmentVariable("RELAIS_CSV_OUT");
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

void expectFile(const QString &file, const QString &encoding, const QString &separator,
                const QList<QStringList> &rows)
{
    QJsonArray r;
    for (const QStringList &row : rows)
        r << QJsonArray::fromStringList(row);
    manifest() << QJsonObject{{QStringLiteral("file"), file},
                              {QStringLiteral("encoding"), encoding},
                              {QStringLiteral("separator"), separator},
                              {QStringLiteral("rows"), r}};
    QFile f(QDir(outDir()).filePath(QStringLiteral("manifest.json")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(manifest()).toJson());
}

// Legacy rows (typed before validation existed, or synced from elsewhere) can break the rules the
// form enforces: the export must still not cut them silently.
void setRaw(Store &store, const QString &subscriberId, const QString &column, const QString &value)
{
    QSqlQuery q(store.db());
    QVERIFY(q.prepare(QStringLiteral("UPDATE subscriber SET %1 = ? WHERE id = ?").arg(column)));
    q.addBindValue(value);
    q.addBindValue(subscriberId);
    QVERIFY(q.exec());
}

const QStringList kRouteurHeader =
    {QStringLiteral("L1"),           QStringLiteral("L2"),          QStringLiteral("L3"),
     QStringLiteral("L4"),           QStringLiteral("L5"),          QStringLiteral("L6"),
     QStringLiteral("PAYS"),         QStringLiteral("EXEMPLAIRES"), QStringLiteral("NUMERO_ABONNE"),
     QStringLiteral("ID_ABONNEMENT")};

} // namespace

class TestCsvExport : public QObject
{
    Q_OBJECT

private slots:
    void abbreviationRules_data();
    void abbreviationRules();
    void lineBoundaries();
    void routeurExport();
    void encodingsAndSeparators();
    void completAndPresets();
    void changesSince();
    void cancelLeavesNoFile();
    void badOptions();
};

void TestCsvExport::abbreviationRules_data()
{
    QTest::addColumn<QString>("line4");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("fits");
    QTest::newRow("readme example")
        << QStringLiteral("BOULEVARD DU MARECHAL JEAN MARIE DE LATTRE DE TASSIGNY")
        << QStringLiteral("BD MAL J M DE LATTRE DE TASSIGNY") << true;
    QTest::newRow("label of 32 untouched")
        << QStringLiteral(
               "12 rue des Trente-Deux Caractères X") // label RUE DES TRENTE DEUX CARACTERES X = 32
        << QStringLiteral("12 RUE DES TRENTE DEUX CARACTERES X") << true;
    QTest::newRow("label of 32, line of 39")
        << QStringLiteral("123456 rue des Trente-Deux Caractères X")
        << QStringLiteral("123456 RUE TRENTE DEUX CARACTERES X") << true;
    QTest::newRow("label of 33 abbreviated")
        << QStringLiteral("1 boulevard du Général Leclerc Nord")
        << QStringLiteral("1 BD DU GENERAL LECLERC NORD") << true;
    QTest::newRow("number and bis kept")
        << QStringLiteral("12 bis, avenue du Président Wilson prolongée")
        << QStringLiteral("12 BIS AV DU PDT WILSON PROLONGEE") << true;
    QTest::newRow("saint after titles")
        << QStringLiteral("3 place Saint-Jean-Baptiste de la Salle Est")
        << QStringLiteral("3 PL ST J BAPTISTE DE LA SALLE EST")
        << true; // first names come before SAINT
    QTest::newRow("accents apostrophes hyphens")
        << QStringLiteral("3 allée de l'Église-Saint-Étienne")
        << QStringLiteral("3 ALLEE DE L EGLISE SAINT ETIENNE") << true;
    QTest::newRow("still too long")
        << QStringLiteral("17 rue Hippolyte Bouchardeau-Montgolfier-Vaucanson")
        << QStringLiteral("17 RUE HIPPOLYTE BOUCHARDEAU MONTGOLFIER VAUCANSON") << false;
}

void TestCsvExport::abbreviationRules()
{
    QFETCH(QString, line4);
    QFETCH(QString, expected);
    QFETCH(bool, fits);
    const auto r = StreetAbbreviations::instance().formatStreetLine(line4);
    QCOMPARE(r.text, expected);
    QCOMPARE(r.fits, fits);
}

void TestCsvExport::lineBoundaries()
{
    Address a;
    a.postalCode = QStringLiteral("75002");
    a.city = QStringLiteral("Paris");
    // 38 characters: fits; 39: reported, never cut.
    a.line4 = QStringLiteral("12345 RUE DES TRENTE DEUX CARACTERES X");
    QCOMPARE(a.line4.size(), 38);
    auto m = formatMailingAddress(QStringLiteral("M. Jean Dupont"), a);
    QCOMPARE(m.lines[3], a.line4);
    QVERIFY(m.problems.isEmpty());
    QCOMPARE(m.lines[5], QStringLiteral("75002 PARIS"));

    const QString name38 = QStringLiteral(
        "Mme Éléonore-Héloïse Dumont-Ybarnégaray"); // 38 with accents
    QCOMPARE(name38.size(), 38 + 1);
    const QString name38b = QStringLiteral("Mme Éléonore-Héloïse Dumont-Ybarnégara");
    QCOMPARE(name38b.size(), 38);
    m = formatMailingAddress(name38b, a);
    QVERIFY(m.problems.isEmpty());
    QCOMPARE(m.lines[0], name38b);
    m = formatMailingAddress(name38, a);
    QCOMPARE(m.problems.size(), 1);
    QCOMPARE(m.problems.first().line, 1);
    QCOMPARE(m.lines[0], name38); // not cut

    // A decomposed accent counts once, as it prints.
    const QString decomposed = QStringLiteral("Mme Ele\u0301onore Dumont-Ybarnégaray Abcdef");
    m = formatMailingAddress(decomposed, a);
    QCOMPARE(m.lines[0].size(), 38);
    QVERIFY(m.problems.isEmpty());

    // Abroad: postal code and town as given (folded), the country on its own line.
    Address be;
    be.line4 = QStringLiteral("Rue de la Loi 16");
    be.postalCode = QStringLiteral("1000");
    be.city = QStringLiteral("Bruxelles");
    be.country = QStringLiteral("Belgique");
    m = formatMailingAddress(QStringLiteral("M. Jan Peeters"), be);
    QCOMPARE(m.lines[5], QStringLiteral("1000 BRUXELLES"));
    QCOMPARE(m.country, QStringLiteral("BELGIQUE"));

    // L6 takes La Poste's routing label, not the commune name.
    Address lyon;
    lyon.line4 = QStringLiteral("1 place Bellecour");
    lyon.postalCode = QStringLiteral("69002");
    lyon.city = QStringLiteral("Lyon 2e Arrondissement");
    m = formatMailingAddress(QStringLiteral("M. Jean Dupont"), lyon);
    QCOMPARE(m.lines[5], QStringLiteral("69002 LYON"));
}

void TestCsvExport::routeurExport()
{
    Test::DeskFixture desk;
    Store &store = desk.store();
    const QDate start(2026, 1, 1);

    Subscriber s = Test::DeskFixture::person(QStringLiteral("Dupont"));
    const Subscriber dupont = *store.addSubscriber(s);
    const Subscription subDupont = desk.subscribe(dupont, start);

    s = Test::DeskFixture::person(QStringLiteral("D'Aubigné-Lefèvre"), QStringLiteral("Hélène"));
    s.civility = QStringLiteral("Mme");
    s.address.line2 = QStringLiteral("Bât. A; 3e étage");
    s.address.line3 = QStringLiteral("Résidence \"Les Pins\"");
    s.address.line4 = QStringLiteral("3 allée de l'Église-Saint-Étienne");
    s.address.postalCode = QStringLiteral("42000");
    s.address.city = QStringLiteral("Saint-Étienne");
    auto r = store.addSubscriber(s);
    QVERIFY2(r, qPrintable(r ? QString() : r.error().fullText()));
    const Subscriber helene = *r;
    const Subscription subHelene = desk.subscribe(helene, start, {}, 3); // copies > 1

    s = Test::DeskFixture::person(QStringLiteral("Leclerc"), QStringLiteral("Anne"));
    s.civility = QStringLiteral("Mme");
    s.address.line4 = QStringLiteral("1 boulevard du Général Leclerc Nord");
    s.address.postalCode = QStringLiteral("69002");
    s.address.city = QStringLiteral("Lyon");
    const Subscriber anne = *store.addSubscriber(s);
    const Subscription subAnne = desk.subscribe(anne, start);

    // Legacy rows: one that fits once abbreviated, one that never fits, a 39-character line 1.
    const Subscriber legacy = desk.addPerson(QStringLiteral("Martin"), QStringLiteral("Paul"));
    setRaw(store, legacy.meta.id, QStringLiteral("line4"),
           QStringLiteral("BOULEVARD DU MARECHAL JEAN MARIE DE LATTRE DE TASSIGNY"));
    const Subscription subLegacy = desk.subscribe(legacy, start);
    const Subscriber tooLong = desk.addPerson(QStringLiteral("Bernard"), QStringLiteral("Luc"));
    setRaw(store, tooLong.meta.id, QStringLiteral("line4"),
           QStringLiteral("17 rue Hippolyte Bouchardeau-Montgolfier-Vaucanson"));
    const Subscription subTooLong = desk.subscribe(tooLong, start);
    const Subscriber longName = desk.addPerson(QStringLiteral("Dumont-Ybarnégaray"),
                                               QStringLiteral("Éléonore-Héloïse"));
    setRaw(store, longName.meta.id, QStringLiteral("civility"), QStringLiteral("Mme"));
    const Subscription subLongName = desk.subscribe(longName, start);

    // A company whose name a spreadsheet would run as a formula.
    s = Subscriber();
    s.company = QStringLiteral("=HYPERLINK(\"http://x.example\";\"clic\")");
    s.address.line4 = QStringLiteral("5 rue de la Paix");
    s.address.postalCode = QStringLiteral("75002");
    s.address.city = QStringLiteral("Paris");
    r = store.addSubscriber(s);
    QVERIFY2(r, qPrintable(r ? QString() : r.error().fullText()));
    const Subscriber formula = *r;
    const Subscription subFormula = desk.subscribe(formula, start);

    // Held on the issue date: absent. Hold ending the day before: present.
    const Subscriber held = desk.addPerson(QStringLiteral("Absent"));
    const Subscription subHeld = desk.subscribe(held, start);
    DeliveryChange hold;
    hold.subscriptionId = subHeld.meta.id;
    hold.kind = DeliveryChangeKind::Hold;
    hold.from = kIssue;
    hold.to = kIssue.addDays(10);
    QVERIFY(store.addDeliveryChange(hold));
    const Subscriber back = desk.addPerson(QStringLiteral("Revenu"));
    const Subscription subBack = desk.subscribe(back, start);
    hold.subscriptionId = subBack.meta.id;
    hold.from = kIssue.addDays(-10);
    hold.to = kIssue.addDays(-1);
    QVERIFY(store.addDeliveryChange(hold));

    // On holiday on the issue date: the holiday address is printed.
    const Subscriber away = desk.addPerson(QStringLiteral("Vacancier"));
    const Subscription subAway = desk.subscribe(away, start);
    DeliveryChange holiday;
    holiday.subscriptionId = subAway.meta.id;
    holiday.kind = DeliveryChangeKind::TemporaryAddress;
    holiday.from = kIssue.addDays(-2);
    holiday.to = kIssue;
    holiday.address.line4 = QStringLiteral("8 quai de la Douane");
    holiday.address.postalCode = QStringLiteral("29200");
    holiday.address.city = QStringLiteral("Brest");
    QVERIFY(store.addDeliveryChange(holiday));

    // Abroad.
    s = Test::DeskFixture::person(QStringLiteral("Peeters"), QStringLiteral("Jan"));
    s.address.line4 = QStringLiteral("Rue de la Loi 16");
    s.address.postalCode = QStringLiteral("1000");
    s.address.city = QStringLiteral("Bruxelles");
    s.address.country = QStringLiteral("Belgique");
    r = store.addSubscriber(s);
    QVERIFY2(r, qPrintable(r ? QString() : r.error().fullText()));
    const Subscriber jan = *r;
    const Subscription subJan = desk.subscribe(jan, start);

    ExportOptions o;
    o.publicationCode = desk.daily().code;
    o.date = kIssue;
    o.outPath = QDir(outDir()).filePath(QStringLiteral("routeur.csv"));
    auto summary = exportDeliveryList(store, o);
    QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().fullText()));
    QCOMPARE(summary->rows, 10);
    QCOMPARE(summary->copies, 12);
    QCOMPARE(summary->warnings, 2);
    QCOMPARE(summary->abbreviated, 2);
    QCOMPARE(summary->sha256.size(), 64);

    auto row = [](const Subscriber &sub, const Subscription &subscription, QStringList lines,
                  const QString &country = {}) {
        lines << country << QString::number(subscription.copies) << QString::number(sub.number)
              << subscription.meta.id;
        return lines;
    };
    const QList<QStringList> expected = {
        kRouteurHeader,
        // Presort: postal code, then name.
        row(jan, subJan,
            {QStringLiteral("M. Jan Peeters"),
             {},
             {},
             QStringLiteral("RUE DE LA LOI 16"),
             {},
             QStringLiteral("1000 BRUXELLES")},
            QStringLiteral("BELGIQUE")),
        row(helene, subHelene,
            {QStringLiteral("Mme Hélène D'Aubigné-Lefèvre"),
             QStringLiteral("Bât. A; 3e étage"),
             QStringLiteral("Résidence \"Les Pins\""),
             QStringLiteral("3 ALLEE DE L EGLISE SAINT ETIENNE"),
             {},
             QStringLiteral("42000 SAINT ETIENNE")}),
        row(anne, subAnne,
            {QStringLiteral("Mme Anne Leclerc"),
             {},
             {},
             QStringLiteral("1 BD DU GENERAL LECLERC NORD"),
             {},
             QStringLiteral("69002 LYON")}),
        row(back, subBack,
            {QStringLiteral("M. Jean Revenu"),
             {},
             {},
             QStringLiteral("12 RUE DE LA PAIX"),
             {},
             QStringLiteral("75002 PARIS")}),
        row(tooLong, subTooLong,
            {QStringLiteral("M. Luc Bernard"),
             {},
             {},
             QStringLiteral("17 RUE HIPPOLYTE BOUCHARDEAU MONTGOLFIER VAUCANSON"),
             {},
             QStringLiteral("75002 PARIS")}),
        row(dupont, subDupont,
            {QStringLiteral("M. Jean Dupont"),
             {},
             {},
             QStringLiteral("12 RUE DE LA PAIX"),
             {},
             QStringLiteral("75002 PARIS")}),
        row(longName, subLongName,
            {QStringLiteral("Mme Éléonore-Héloïse Dumont-Ybarnégaray"),
             {},
             {},
             QStringLiteral("12 RUE DE LA PAIX"),
             {},
             QStringLiteral("75002 PARIS")}),
        // The formula is neutralised with a leading apostrophe.
        row(formula, subFormula,
            {QStringLiteral("'=HYPERLINK(\"http://x.example\";\"clic\")"),
             {},
             {},
             QStringLiteral("5 RUE DE LA PAIX"),
             {},
             QStringLiteral("75002 PARIS")}),
        row(legacy, subLegacy,
            {QStringLiteral("M. Paul Martin"),
             {},
             {},
             QStringLiteral("BD MAL J M DE LATTRE DE TASSIGNY"),
             {},
             QStringLiteral("75002 PARIS")}),
        row(away, subAway,
            {QStringLiteral("M. Jean Vacancier"),
             {},
             {},
             QStringLiteral("8 QUAI DE LA DOUANE"),
             {},
             QStringLiteral("29200 BREST")}),
    };
    // Sort keys: "=hyperlink..." folds to "hyperlink ..." (between dupont/dumont and martin).
    Q_UNUSED(expected);
    QList<QStringList> sorted = expected;
    // Paris block in sort-key order: bernard, dumont, dupont, hyperlink, martin, revenu.
    // Postal codes as text: 1000 < 29200 (the holiday address) < 42000 < 69002 < 75002.
    sorted = {expected[0], expected[1], expected[10], expected[2], expected[3], expected[5],
              expected[7], expected[6], expected[8],  expected[9], expected[4]};
    QCOMPARE(sorted.size(), 11);
    expectFile(QStringLiteral("routeur.csv"), QStringLiteral("utf-8-sig"), QStringLiteral(";"),
               sorted);

    // The warnings file: number, line, reason.
    QFile w(warningsPathFor(o.outPath));
    QVERIFY(w.open(QIODevice::ReadOnly));
    const QString warnings = QString::fromUtf8(w.readAll());
    QVERIFY(warnings.contains(QString::number(tooLong.number) + QStringLiteral(";4;")));
    QVERIFY(warnings.contains(QString::number(longName.number) + QStringLiteral(";1;")));
    expectFile(QStringLiteral("routeur.warnings.csv"), QStringLiteral("utf-8-sig"),
               QStringLiteral(";"),
               {{QStringLiteral("number"), QStringLiteral("line"), QStringLiteral("reason")},
                {QString::number(tooLong.number), QStringLiteral("4"),
                 QStringLiteral("Line 4 has 50 characters even abbreviated; at most 38 fit on a "
                                "label: 17 RUE HIPPOLYTE BOUCHARDEAU MONTGOLFIER VAUCANSON")},
                {QString::number(longName.number), QStringLiteral("1"),
                 QStringLiteral("Line 1 has 39 characters even abbreviated; at most 38 fit on a "
                                "label: Mme Éléonore-Héloïse Dumont-Ybarnégaray")}});

    // The export is logged.
    auto log = exportLog(store);
    QVERIFY(log);
    QCOMPARE(log->size(), 1);
    QCOMPARE(log->first().rows, 10);
    QCOMPARE(log->first().sha256, summary->sha256);
    QCOMPARE(log->first().clerk, QStringLiteral("test-clerk"));
    QCOMPARE(log->first().publicationCode, desk.daily().code);
    QCOMPARE(log->first().issueDate, kIssue);
    QCOMPARE(log->first().warnings, 2);
    QCOMPARE(log->first().preset, QStringLiteral("routeur"));
    QFile f(o.outPath);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromLatin1(
                 QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex()),
             summary->sha256);
}

void TestCsvExport::encodingsAndSeparators()
{
    Test::DeskFixture desk;
    Store &store = desk.store();
    Subscriber s = Test::DeskFixture::person(QStringLiteral("Łukasiewicz"), QStringLiteral("Zoë"));
    s.address.line2 = QStringLiteral("Chez Œdipe, 1er étage");
    s.phone = QStringLiteral("+44 20 7946 0958");
    auto r = store.addSubscriber(s);
    QVERIFY2(r, qPrintable(r ? QString() : r.error().fullText()));
    const Subscription sub = desk.subscribe(*r, QDate(2026, 1, 1), {}, 2);

    ExportOptions o;
    o.publicationCode = desk.daily().code;
    o.date = kIssue;
    o.columns = {QStringLiteral("number"), QStringLiteral("l1"), QStringLiteral("l2"),
                 QStringLiteral("phone"), QStringLiteral("copies")};
    o.encoding = Encoding::Windows1252;
    o.separator = u',';
    o.outPath = QDir(outDir()).filePath(QStringLiteral("cp1252.csv"));
    auto summary = exportDeliveryList(store, o);
    QVERIFY(summary);
    QCOMPARE(summary->transliterated, 1); // Ł; Œ, ë and é exist in Windows-1252
    const QList<QStringList> rows = {{QStringLiteral("NUMERO_ABONNE"), QStringLiteral("L1"),
                                      QStringLiteral("L2"), QStringLiteral("phone"),
                                      QStringLiteral("EXEMPLAIRES")},
                                     {QString::number(r->number),
                                      QStringLiteral("M. Zoë Lukasiewicz"),
                                      QStringLiteral("Chez Œdipe, 1er étage"),
                                      QStringLiteral("00 44 20 7946 0958"), QStringLiteral("2")}};
    expectFile(QStringLiteral("cp1252.csv"), QStringLiteral("cp1252"), QStringLiteral(","), rows);

    o.encoding = Encoding::Utf8;
    o.separator = u'\t';
    o.outPath = QDir(outDir()).filePath(QStringLiteral("utf8-tab.csv"));
    summary = exportDeliveryList(store, o);
    QVERIFY(summary);
    QCOMPARE(summary->transliterated, 0);
    QList<QStringList> utf8Rows = rows;
    utf8Rows[1][1] = QStringLiteral("M. Zoë Łukasiewicz");
    expectFile(QStringLiteral("utf8-tab.csv"), QStringLiteral("utf-8"), QStringLiteral("\t"),
               utf8Rows);
    Q_UNUSED(sub);
}

void TestCsvExport::completAndPresets()
{
    Test::DeskFixture desk;
    Store &store = desk.store();
    Subscriber s = Test::DeskFixture::person(QStringLiteral("=Dupont"), QStringLiteral("-Jean"));
    s.email = QStringLiteral("jean@example.fr");
    s.phone = QStringLiteral("06 12 34 56 78");
    s.address.inseeCode = QStringLiteral("75102"); // Paris 2e, of 75002
    auto r = store.addSubscriber(s);
    QVERIFY2(r, qPrintable(r ? QString() : r.error().fullText()));
    const Subscription sub = desk.subscribe(*r, QDate(2026, 1, 1), QDate(2026, 12, 31));

    ExportOptions o;
    o.publicationCode = desk.daily().code;
    o.date = kIssue;
    o.preset = QStringLiteral("complet");
    o.outPath = QDir(outDir()).filePath(QStringLiteral("complet.csv"));
    auto summary = exportDeliveryList(store, o);
    QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().fullText()));
    const QStringList header = {QStringLiteral("NUMERO_ABONNE"),
                                QStringLiteral("civility"),
                                QStringLiteral("first_name"),
                                QStringLiteral("last_name"),
                                QStringLiteral("company"),
                                QStringLiteral("line2"),
                                QStringLiteral("line3"),
                                QStringLiteral("line4"),
                                QStringLiteral("line5"),
                                QStringLiteral("postal_code"),
                                QStringLiteral("city"),
                                QStringLiteral("country"),
                                QStringLiteral("insee_code"),
                                QStringLiteral("email"),
                                QStringLiteral("phone"),
                                QStringLiteral("EXEMPLAIRES"),
                                QStringLiteral("ID_ABONNEMENT"),
                                QStringLiteral("offer"),
                                QStringLiteral("start"),
                                QStringLiteral("end"),
                                QStringLiteral("payer_number"),
                                QStringLiteral("temporary_address"),
                                QStringLiteral("L1"),
                                QStringLiteral("L2"),
                                QStringLiteral("L3"),
                                QStringLiteral("L4"),
                                QStringLiteral("L5"),
                                QStringLiteral("L6"),
                                QStringLiteral("PAYS")};
    const QStringList row = {QString::number(r->number),
                             QStringLiteral("M."),
                             QStringLiteral("'-Jean"),
                             QStringLiteral("'=Dupont"),
                             {},
                             {},
                             {},
                             QStringLiteral("12 rue de la Paix"),
                             {},
                             QStringLiteral("75002"),
                             QStringLiteral("PARIS"),
                             {},
                             QStringLiteral("75102"),
                             QStringLiteral("jean@example.fr"),
                             QStringLiteral("06 12 34 56 78"),
                             QStringLiteral("1"),
                             sub.meta.id,
                             desk.dailyOffer().code,
                             QStringLiteral("2026-01-01"),
                             QStringLiteral("2026-12-31"),
                             {},
                             QStringLiteral("0"),
                             QStringLiteral("M. -Jean =Dupont"),
                             {},
                             {},
                             QStringLiteral("12 RUE DE LA PAIX"),
                             {},
                             QStringLiteral("75002 PARIS"),
                             {}};
    expectFile(QStringLiteral("complet.csv"), QStringLiteral("utf-8-sig"), QStringLiteral(";"),
               {header, row});

    // A custom column set saved under a name, then used as a preset.
    QVERIFY(savePreset(store, QStringLiteral("etiquettes"),
                       {QStringLiteral("number"), QStringLiteral("l6")}));
    QVERIFY(presetNames(store).contains(QStringLiteral("etiquettes")));
    QVERIFY(!savePreset(store, QStringLiteral("routeur"), {QStringLiteral("number")}));
    QVERIFY(!savePreset(store, QStringLiteral("x"), {QStringLiteral("nope")}));
    o.preset = QStringLiteral("etiquettes");
    o.outPath = QDir(outDir()).filePath(QStringLiteral("custom.csv"));
    QVERIFY(exportDeliveryList(store, o));
    expectFile(QStringLiteral("custom.csv"), QStringLiteral("utf-8-sig"), QStringLiteral(";"),
               {{QStringLiteral("NUMERO_ABONNE"), QStringLiteral("L6")},
                {QString::number(r->number), QStringLiteral("75002 PARIS")}});
    o.preset = QStringLiteral("unknown");
    auto bad = exportDeliveryList(store, o);
    QVERIFY(!bad);
    QCOMPARE(bad.error().kind, ErrorKind::NotFound);
}

void TestCsvExport::changesSince()
{
    Test::DeskFixture desk;
    Store &store = desk.store();
    const QDate before = kIssue.addDays(-1);
    const Subscriber stays = desk.addPerson(QStringLiteral("Reste"));
    desk.subscribe(stays, QDate(2026, 1, 1));
    const Subscriber leaves = desk.addPerson(QStringLiteral("Part"));
    const Subscription subLeaves = desk.subscribe(leaves, QDate(2026, 1, 1), before);
    const Subscriber arrives = desk.addPerson(QStringLiteral("Arrive"));
    const Subscription subArrives = desk.subscribe(arrives, kIssue);
    const Subscriber moves = desk.addPerson(QStringLiteral("Bouge"));
    const Subscription subMoves = desk.subscribe(moves, QDate(2026, 1, 1));
    DeliveryChange holiday;
    holiday.subscriptionId = subMoves.meta.id;
    holiday.kind = DeliveryChangeKind::TemporaryAddress;
    holiday.from = kIssue;
    holiday.to = kIssue.addDays(5);
    holiday.address.line4 = QStringLiteral("8 quai de la Douane");
    holiday.address.postalCode = QStringLiteral("29200");
    holiday.address.city = QStringLiteral("Brest");
    QVERIFY(store.addDeliveryChange(holiday));

    ExportOptions o;
    o.publicationCode = desk.daily().code;
    o.date = kIssue;
    o.changesSince = before;
    o.columns = {QStringLiteral("number"), QStringLiteral("l4"), QStringLiteral("l6")};
    o.outPath = QDir(outDir()).filePath(QStringLiteral("changes.csv"));
    auto summary = exportDeliveryList(store, o);
    QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().fullText()));
    QCOMPARE(summary->adds, 2);
    QCOMPARE(summary->drops, 2);
    auto n = [](const Subscriber &x) { return QString::number(x.number); };
    expectFile(QStringLiteral("changes.csv"), QStringLiteral("utf-8-sig"), QStringLiteral(";"),
               {{QStringLiteral("MOUVEMENT"), QStringLiteral("NUMERO_ABONNE"), QStringLiteral("L4"),
                 QStringLiteral("L6")},
                {QStringLiteral("AJOUT"), n(moves), QStringLiteral("8 QUAI DE LA DOUANE"),
                 QStringLiteral("29200 BREST")},
                {QStringLiteral("AJOUT"), n(arrives), QStringLiteral("12 RUE DE LA PAIX"),
                 QStringLiteral("75002 PARIS")},
                {QStringLiteral("SUPPRESSION"), n(moves), QStringLiteral("12 RUE DE LA PAIX"),
                 QStringLiteral("75002 PARIS")},
                {QStringLiteral("SUPPRESSION"), n(leaves), QStringLiteral("12 RUE DE LA PAIX"),
                 QStringLiteral("75002 PARIS")}});
    Q_UNUSED(subLeaves);
    Q_UNUSED(subArrives);
    auto log = exportLog(store);
    QVERIFY(log);
    QVERIFY(log->first().preset.contains(before.toString(Qt::ISODate)));
}

void TestCsvExport::cancelLeavesNoFile()
{
    Test::DeskFixture desk;
    Store &store = desk.store();
    for (int i = 0; i < 1001; ++i) {
        Subscriber s = Test::DeskFixture::person(QStringLiteral("Nom%1").arg(i));
        s.lastName = QStringLiteral("Nom") + QChar(u'a' + i % 26) + QString::number(i);
        auto r = store.addSubscriber(s);
        QVERIFY(r);
        desk.subscribe(*r, QDate(2026, 1, 1));
    }
    ExportOptions o;
    o.publicationCode = desk.daily().code;
    o.date = kIssue;
    o.outPath = QDir(outDir()).filePath(QStringLiteral("cancelled.csv"));
    qint64 calls = 0;
    o.progress = [&calls](qint64 done, qint64 total) {
        ++calls;
        return done < 1000 && total >= done;
    };
    auto r = exportDeliveryList(store, o);
    QVERIFY(!r);
    QCOMPARE(r.error().code, QStringLiteral("cancelled"));
    QVERIFY(calls > 0);
    QVERIFY(!QFile::exists(o.outPath));
    QVERIFY(exportLog(store)->isEmpty());
}

void TestCsvExport::badOptions()
{
    Test::DeskFixture desk;
    ExportOptions o;
    o.publicationCode = QStringLiteral("NOPE");
    o.date = kIssue;
    o.outPath = QDir(outDir()).filePath(QStringLiteral("never.csv"));
    QCOMPARE(exportDeliveryList(desk.store(), o).error().kind, ErrorKind::NotFound);
    o.publicationCode = desk.daily().code;
    o.date = QDate(2026, 6, 7); // a Sunday: no issue
    auto r = exportDeliveryList(desk.store(), o);
    QVERIFY(!r);
    QCOMPARE(r.error().kind, ErrorKind::Invalid);
    o.date = kIssue;
    o.columns = {QStringLiteral("l1"), QStringLiteral("bogus")};
    QCOMPARE(exportDeliveryList(desk.store(), o).error().kind, ErrorKind::Invalid);
    QVERIFY(!QFile::exists(o.outPath));
}

QTEST_GUILESS_MAIN(TestCsvExport)
#include "tst_csvexport.moc"
