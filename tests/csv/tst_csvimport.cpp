// Subscriber import: the bad-file corpus (each refused with a clear reason naming file, line and
// column, the desk unchanged), all or nothing, dry run, rejects, duplicates and re-import, mapping,
// numbers, and the rebuild of subscribers from a routeur export.

#include "csvexport.h"
#include "csvimport.h"
#include "deskfixture.h"
#include "mailingaddress.h"
#include "testsupport.h"
#include "validation.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Relais;
using namespace Relais::Csv;

namespace {

const QByteArray kHeader = "numero;civilite;prenom;nom;adresse;code postal;ville\r\n";

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

// What "the desk is unchanged" means: the same rows, audit, outbox and number counter.
QString fingerprint(Store &store)
{
    QStringList parts;
    QSqlQuery q(store.db());
    for (const char *sql : {"SELECT count(*) FROM subscriber", "SELECT count(*) FROM audit",
                            "SELECT count(*) FROM outbox",
                            "SELECT group_concat(key || '=' || value, ',') FROM meta"}) {
        if (q.exec(QString::fromLatin1(sql)) && q.next())
            parts << q.value(0).toString();
    }
    return parts.join(u'|');
}

qint64 count(Store &store, const char *sql)
{
    QSqlQuery q(store.db());
    if (q.exec(QString::fromLatin1(sql)) && q.next())
        return q.value(0).toLongLong();
    return -1;
}

QString errorText(const Error &e)
{
    return e.fullText();
}

} // namespace

class TestCsvImport : public QObject
{
    Q_OBJECT

private slots:
    void badCorpus_data();
    void badCorpus();
    void tenMegabyteLine();
    void allOrNothingAndRejects();
    void dryRun();
    void duplicatesAndReimport();
    void writePathAndNumbers();
    void encodingsAndMapping();
    void cancel();
    void routeurRoundTrip();
    void completRoundTrip();
    void changesFileSkipsDrops();
    void operationJsonMatchesWritePath();
    void preview();
};

void TestCsvImport::badCorpus_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("rule");
    const QString dir = qEnvironmentVariable("RELAIS_CSV_BAD", QStringLiteral(RELAIS_CSV_BAD_DIR));
    QFile manifest(QDir(dir).filePath(QStringLiteral("expected.txt")));
    QVERIFY2(manifest.open(QIODevice::ReadOnly), qPrintable(manifest.fileName()));
    int n = 0;
    for (const QByteArray &line : manifest.readAll().split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArray> f = line.split(';');
        QTest::newRow(f.at(0).constData())
            << QDir(dir).filePath(QString::fromUtf8(f.at(0))) << QString::fromUtf8(f.at(1));
        ++n;
    }
    QVERIFY2(n >= 50, "the bad-file corpus has at least 50 files");
}

void TestCsvImport::badCorpus()
{
    QFETCH(QString, path);
    QFETCH(QString, rule);
    Test::DeskFixture desk;
    Store &store = desk.store();
    desk.addPerson(QStringLiteral("Existant"));
    const QString before = fingerprint(store);
    ImportOptions o;
    o.inPath = path;
    auto r = importSubscribers(store, o);
    QVERIFY2(!r, "the file was accepted");
    const Error &e = r.error();
    QCOMPARE(e.kind, ErrorKind::Invalid);
    const QString name = QFileInfo(path).fileName();
    bool found = false;
    for (const Issue &i : e.issues) {
        QVERIFY2(i.field.startsWith(name),
                 qPrintable(i.field)); // names the file (and line, column)
        QVERIFY(!i.message.isEmpty());
        found |= i.rule == rule;
    }
    QVERIFY2(found, qPrintable(QStringLiteral("expected %1, got:\n%2").arg(rule, errorText(e))));
    QCOMPARE(fingerprint(store), before);

    // Skipping invalid rows never lets a structurally broken file through either, and a dry run
    // writes nothing whatever happens.
    o.dryRun = true;
    o.skipInvalid = true;
    o.rejectsPath = tempDir().filePath(name + QStringLiteral(".rejects.csv"));
    const auto again = importSubscribers(store, o);
    Q_UNUSED(again);
    QCOMPARE(fingerprint(store), before);
}

void TestCsvImport::tenMegabyteLine()
{
    Test::DeskFixture desk;
    const QString before = fingerprint(desk.store());
    QByteArray data = kHeader + ";M.;Jean;";
    data += QByteArray(10 * 1024 * 1024, 'D');
    data += ";12 rue de la Paix;75002;PARIS\r\n";
    ImportOptions o;
    o.inPath = writeFile(QStringLiteral("ten-megabytes.csv"), data);
    auto r = importSubscribers(desk.store(), o);
    QVERIFY(!r);
    QCOMPARE(r.error().issues.value(0).rule, QStringLiteral("csv.line_too_long"));
    QVERIFY(r.error().issues.value(0).field.startsWith(QStringLiteral("ten-megabytes.csv:2")));
    QCOMPARE(fingerprint(desk.store()), before);
    // The same without any line break at all.
    data = kHeader + QByteArray(10 * 1024 * 1024, 'x');
    o.inPath = writeFile(QStringLiteral("no-line-break.csv"), data);
    r = importSubscribers(desk.store(), o);
    QVERIFY(!r);
    QCOMPARE(r.error().issues.value(0).rule, QStringLiteral("csv.line_too_long"));
    QCOMPARE(fingerprint(desk.store()), before);
}

void TestCsvImport::allOrNothingAndRejects()
{
    Test::DeskFixture desk;
    Store &store = desk.store();
    const QString before = fingerprint(store);
    const QByteArray data = kHeader
                            + ";M.;Jean;Dupont;12 rue de la Paix;75002;PARIS\r\n"
                              ";Mme;Anne;Leroy;3 place Bellecour;69002;LYON\r\n"
                              ";M.;Paul;Martin;1 rue de Rivoli;7500;PARIS\r\n"
                              ";Mme;Lise;Petit;2 rue de la Paix;75002;PARIS\r\n"
                              ";M.;Luc;=1+1;2 rue de la Paix;75002;PARIS\r\n";
    ImportOptions o;
    o.inPath = writeFile(QStringLiteral("clients.csv"), data);
    auto r = importSubscribers(store, o);
    QVERIFY(!r);
    QCOMPARE(fingerprint(store), before);
    QCOMPARE(r.error().issues.size(), 2);
    QCOMPARE(r.error().issues.at(0).field,
             QStringLiteral("clients.csv:4: column code postal (postal_code)"));
    QCOMPARE(r.error().issues.at(0).rule, QStringLiteral("postal_code.format"));
    // "7500 PARIS": the town decides which code was meant (75001...), not the leading-zero 07500.
    QVERIFY(r.error().issues.at(0).message.contains(QStringLiteral("75001")));
    QVERIFY(!r.error().issues.at(0).message.contains(QStringLiteral("07500")));
    QCOMPARE(r.error().issues.at(1).field, QStringLiteral("clients.csv:6: column nom (last_name)"));
    QCOMPARE(r.error().issues.at(1).rule, QStringLiteral("cell.formula"));

    o.skipInvalid = true;
    o.rejectsPath = tempDir().filePath(QStringLiteral("clients.rejects.csv"));
    r = importSubscribers(store, o);
    QVERIFY2(r, qPrintable(r ? QString() : errorText(r.error())));
    QCOMPARE(r->rows, 5);
    QCOMPARE(r->imported, 3);
    QCOMPARE(r->rejected, 2);
    QCOMPARE(r->problems.size(), 2);
    QCOMPARE(count(store, "SELECT count(*) FROM subscriber"), 3);

    // The rejects file holds the bad rows and why, and reads back as an import of its own.
    QFile rejects(o.rejectsPath);
    QVERIFY(rejects.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(rejects.readAll());
    QVERIFY(text.contains(QStringLiteral("reject_reason")));
    QVERIFY(text.contains(QStringLiteral("Martin")));
    QVERIFY(text.contains(QStringLiteral("'=1+1"))); // still neutralised for spreadsheets
    ImportOptions again;
    again.inPath = o.rejectsPath;
    // Martin's postal code is still wrong; the apostrophe an export puts before "=1+1" marks it as
    // text, which the import takes as such.
    auto second = importSubscribers(store, again);
    QVERIFY(!second);
    QCOMPARE(second.error().issues.size(), 1);
    QCOMPARE(second.error().issues.at(0).rule, QStringLiteral("postal_code.format"));
}

void TestCsvImport::dryRun()
{
    Test::DeskFixture desk;
    const QString before = fingerprint(desk.store());
    ImportOptions o;
    o.inPath = writeFile(QStringLiteral("dry.csv"),
                         kHeader + ";M.;Jean;Dupont;12 rue de la Paix;75002;PARIS\r\n");
    o.dryRun = true;
    auto r = importSubscribers(desk.store(), o);
    QVERIFY(r);
    QVERIFY(r->dryRun);
    QCOMPARE(r->imported, 1);
    QCOMPARE(fingerprint(desk.store()), before);
}

void TestCsvImport::duplicatesAndReimport()
{
    Test::DeskFixture desk;
    Store &store = desk.store();
    const Subscriber existing = desk.addPerson(
        QStringLiteral("Dupont")); // 12 rue de la Paix, 75002
    const QByteArray
        data = kHeader
               + ";M.;Jean;DUPONT;12, rue de la Paix;75002;Paris\r\n" // same as existing
                 "500;Mme;Anne;Leroy;3 place Bellecour;69002;LYON\r\n"
                 ";Mme;Lise;Petit;2 rue de la Paix;75002;PARIS\r\n"
                 ";Mme;Lise;Petit;2 rue de la Paix;75002;PARIS\r\n" // twice in the file
                 "500;M.;Autre;Nom;1 rue de Rivoli;75001;PARIS\r\n" // number twice
               + QByteArray::number(existing.number) + ";M.;X;Y;1 rue de Rivoli;75001;PARIS\r\n";
    ImportOptions o;
    o.inPath = writeFile(QStringLiteral("dups.csv"), data);
    auto r = importSubscribers(store, o);
    QVERIFY2(r, qPrintable(r ? QString() : errorText(r.error())));
    QCOMPARE(r->imported, 2);
    QCOMPARE(r->duplicates, 4);
    QCOMPARE(r->notices.size(), 4);
    QCOMPARE(r->notices.at(0).line, 2);
    QCOMPARE(count(store, "SELECT count(*) FROM subscriber"), 3);
    QVERIFY(store.subscriberByNumber(500));

    // Importing the same file again changes nothing at all.
    const QString before = fingerprint(store);
    r = importSubscribers(store, o);
    QVERIFY(r);
    QCOMPARE(r->imported, 0);
    QCOMPARE(r->duplicates, 6);
    QCOMPARE(fingerprint(store), before);
}

void TestCsvImport::writePathAndNumbers()
{
    Test::DeskFixture desk;
    Store &store = desk.store();
    const qint64 outboxBefore = count(store, "SELECT count(*) FROM outbox");
    // Numbers given in the file are kept; the others get free numbers that avoid them.
    const QByteArray data = kHeader
                            + ";M.;Jean;Dupont;12 rue de la Paix;75002;PARIS\r\n"
                              "2;Mme;Anne;Leroy;3 place Bellecour;69002;LYON\r\n"
                              "1;Mme;Lise;Petit;2 rue de la Paix;75002;PARIS\r\n"
                              ";M.;Paul;Martin;1 rue de Rivoli;75001;PARIS\r\n";
    ImportOptions o;
    o.inPath = writeFile(QStringLiteral("numbers.csv"), data);
    auto r = importSubscribers(store, o);
    QVERIFY2(r, qPrintable(r ? QString() : errorText(r.error())));
    QCOMPARE(r->imported, 4);
    QCOMPARE(store.subscriberByNumber(1)->lastName, QStringLiteral("Petit"));
    QCOMPARE(store.subscriberByNumber(2)->lastName, QStringLiteral("Leroy"));
    QCOMPARE(store.subscriberByNumber(3)->lastName, QStringLiteral("Dupont"));
    QCOMPARE(store.subscriberByNumber(4)->lastName, QStringLiteral("Martin"));
    // Through the write path: one audit entry and one outbox operation per subscriber.
    QCOMPARE(count(store, "SELECT count(*) FROM outbox") - outboxBefore, 4);
    QCOMPARE(count(store, "SELECT count(*) FROM outbox WHERE operation = 'subscriber.create' AND "
                          "clerk = 'test-clerk'"),
             4);
    QCOMPARE(count(store, "SELECT count(*) FROM audit WHERE entity = 'subscriber'"), 4);
    // The desk's counter has moved on: the form's next subscriber does not collide.
    const Subscriber next = desk.addPerson(QStringLiteral("Suivant"));
    QCOMPARE(next.number, 5);

    // The import writes what the form's write path writes: the same columns in the operation, the
    // same schema version, desk sequence numbers that go on without a gap.
    const QList<OutboxOperation> ops = store.outbox();
    QCOMPARE(ops.size(), outboxBefore + 5);
    for (qsizetype i = 1; i < ops.size(); ++i)
        QCOMPARE(ops.at(i).seq, ops.at(i - 1).seq + 1);
    const OutboxOperation &imported = ops.at(ops.size() - 2);
    const OutboxOperation &typed = ops.last();
    QCOMPARE(imported.operation, typed.operation);
    QCOMPARE(imported.schemaVersion, typed.schemaVersion);
    QCOMPARE(imported.base, typed.base);
    QCOMPARE(imported.clerk, typed.clerk);
    QCOMPARE(fromJson(imported.fields).keys(), fromJson(typed.fields).keys());
    const auto importedAudit = store.auditOf({imported.entityId});
    const auto typedAudit = store.auditOf({typed.entityId});
    QCOMPARE(importedAudit.size(), 1);
    QCOMPARE(importedAudit.first().channel, typedAudit.first().channel);
    QCOMPARE(importedAudit.first().oldValues, typedAudit.first().oldValues);
    QCOMPARE(fromJson(importedAudit.first().newValues).keys(),
             fromJson(typedAudit.first().newValues).keys());
    QCOMPARE(store.check().ok, true);
}

void TestCsvImport::encodingsAndMapping()
{
    Test::DeskFixture desk;
    Store &store = desk.store();
    // Windows-1252, comma-separated, English headers, a phone and e-mail.
    QByteArray data = "Last Name,First Name,Street,Zip,Town,Phone,E-mail\r\n"
                      "Lef\xE8vre,H\xE9l\xE8ne,\"3, all\xE9"
                      "e de l'\xC9glise\",42000,Saint-\xC9tienne,06.12.34.56.78,h@example.fr\r\n";
    ImportOptions o;
    o.inPath = writeFile(QStringLiteral("english.csv"), data);
    auto r = importSubscribers(store, o);
    QVERIFY2(r, qPrintable(r ? QString() : errorText(r.error())));
    QCOMPARE(r->encoding, Encoding::Windows1252);
    QCOMPARE(r->separator, u',');
    const auto s = store.subscriberByNumber(1);
    QVERIFY(s);
    QCOMPARE(s->lastName, QStringLiteral("Lefèvre"));
    QCOMPARE(s->address.line4, QStringLiteral("3, allée de l'Église"));
    QCOMPARE(s->phone, QStringLiteral("06 12 34 56 78"));

    // Headers nobody guesses need a mapping file.
    data = "Nom du client\tRue\tCP\tCommune\tDivers\n"
           "Martin\t1 rue de Rivoli\t75001\tParis\tclient fid\xC3\xA8le\n";
    o.inPath = writeFile(QStringLiteral("tabs.csv"), data);
    r = importSubscribers(store, o);
    QVERIFY(!r);
    QCOMPARE(r.error().issues.size(), 2); // "Nom du client" and "Divers"
    o.mappingPath = writeFile(QStringLiteral("mapping.json"),
                              R"({"Nom du client": "last_name", "Rue": "line4", "Divers": ""})");
    r = importSubscribers(store, o);
    QVERIFY2(r, qPrintable(r ? QString() : errorText(r.error())));
    QCOMPARE(r->separator, u'\t');
    QCOMPARE(store.subscriberByNumber(2)->lastName, QStringLiteral("Martin"));
    o.mappingPath = writeFile(QStringLiteral("bad-mapping.json"), R"({"Rue": "rue"})");
    r = importSubscribers(store, o);
    QVERIFY(!r);
    QCOMPARE(r.error().issues.value(0).rule, QStringLiteral("mapping.field"));
    o.mappingPath = writeFile(QStringLiteral("not-json.json"), "nom=last_name");
    r = importSubscribers(store, o);
    QVERIFY(!r);
    QCOMPARE(r.error().issues.value(0).rule, QStringLiteral("mapping.syntax"));
}

void TestCsvImport::cancel()
{
    Test::DeskFixture desk;
    QByteArray data = kHeader;
    for (int i = 0; i < 1200; ++i)
        data += ";M.;Jean;Nom" + QByteArray::number(i) + ";12 rue de la Paix;75002;PARIS\r\n";
    const QString before = fingerprint(desk.store());
    ImportOptions o;
    o.inPath = writeFile(QStringLiteral("cancel.csv"), data);
    o.progress = [](qint64 done, qint64 total) { return done < total / 2; };
    auto r = importSubscribers(desk.store(), o);
    QVERIFY(!r);
    QCOMPARE(r.error().code, QStringLiteral("cancelled"));
    QCOMPARE(fingerprint(desk.store()), before);
}

void TestCsvImport::routeurRoundTrip()
{
    // A desk with subscribers, exported for the mailing house...
    Test::DeskFixture desk;
    Store &store = desk.store();
    QList<Subscriber> people;
    Subscriber s = Test::DeskFixture::person(QStringLiteral("D'Aubigné-Lefèvre"),
                                             QStringLiteral("Hélène"));
    s.civility = QStringLiteral("Mme");
    s.address.line2 = QStringLiteral("Bât. A; 3e étage");
    s.address.line3 = QStringLiteral("Résidence \"Les Pins\"");
    s.address.line4 = QStringLiteral("3 allée de l'Église-Saint-Étienne");
    s.address.postalCode = QStringLiteral("42000");
    s.address.city = QStringLiteral("Saint-Étienne");
    people << *store.addSubscriber(s);
    s = Test::DeskFixture::person(QStringLiteral("Leclerc"), QStringLiteral("Anne"));
    s.address.line4 = QStringLiteral("1 boulevard du Général Leclerc Nord");
    s.address.line5 = QStringLiteral("Lieu-dit Les Granges");
    s.address.postalCode = QStringLiteral("69002");
    s.address.city = QStringLiteral("Lyon 2e Arrondissement");
    people << *store.addSubscriber(s);
    s = Subscriber();
    s.company = QStringLiteral("Librairie du Centre");
    s.address.line4 = QStringLiteral("5 rue de la Paix");
    s.address.postalCode = QStringLiteral("75002");
    s.address.city = QStringLiteral("Paris");
    people << *store.addSubscriber(s);
    s = Test::DeskFixture::person(QStringLiteral("Peeters"), QStringLiteral("Jan"));
    s.address.line4 = QStringLiteral("Rue de la Loi 16");
    s.address.postalCode = QStringLiteral("1000");
    s.address.city = QStringLiteral("Bruxelles");
    s.address.country = QStringLiteral("Belgique");
    people << *store.addSubscriber(s);
    s = Test::DeskFixture::person(QStringLiteral("de la Tour d'Auvergne"),
                                  QStringLiteral("Jean-Marie"));
    people << *store.addSubscriber(s);
    for (const Subscriber &p : people)
        desk.subscribe(p, QDate(2026, 1, 1), {}, 2);
    desk.subscribe(people.first(), QDate(2026, 1, 1)); // a second subscription: one more row
    ExportOptions e;
    e.publicationCode = desk.daily().code;
    e.date = QDate(2026, 6, 3);
    e.outPath = tempDir().filePath(QStringLiteral("routeur-roundtrip.csv"));
    auto exported = exportDeliveryList(store, e);
    QVERIFY(exported);
    QCOMPARE(exported->rows, 6);

    // ... rebuilds them on an empty desk: same numbers, and labels that print exactly the same.
    auto opened = Store::open(Test::freshDatabasePath());
    QVERIFY(opened);
    Store fresh = std::move(opened).value();
    ImportOptions o;
    o.inPath = e.outPath;
    auto r = importSubscribers(fresh, o);
    QVERIFY2(r, qPrintable(r ? QString() : errorText(r.error())));
    QCOMPARE(r->imported, 5);
    QCOMPARE(r->duplicates, 1);
    for (const Subscriber &p : people) {
        const auto rebuilt = fresh.subscriberByNumber(p.number);
        QVERIFY(rebuilt);
        const MailingAddress a = formatMailingAddress(p.line1(), p.address);
        const MailingAddress b = formatMailingAddress(rebuilt->line1(), rebuilt->address);
        for (int i = 0; i < 6; ++i)
            QCOMPARE(b.lines[i], a.lines[i]);
        QCOMPARE(b.country, a.country);
    }
    QCOMPARE(fresh.subscriberByNumber(people.at(0).number)->firstName, QStringLiteral("Hélène"));
    QCOMPARE(fresh.subscriberByNumber(people.at(0).number)->civility, QStringLiteral("Mme"));
    // Rebuilt rows sync like any other.
    QCOMPARE(fresh.outbox().size(), 5);
    // And importing the export again changes nothing.
    r = importSubscribers(fresh, o);
    QVERIFY(r);
    QCOMPARE(r->imported, 0);
}

void TestCsvImport::completRoundTrip()
{
    Test::DeskFixture desk;
    Store &store = desk.store();
    Subscriber s = Test::DeskFixture::person(QStringLiteral("=Dupont"), QStringLiteral("Zoë"));
    s.email = QStringLiteral("zoe@example.fr");
    s.phone = QStringLiteral("+44 20 7946 0958");
    s.address.line2 = QStringLiteral("Chez Œdipe");
    s.address.inseeCode = QStringLiteral("75102");
    const Subscriber original = *store.addSubscriber(s);
    desk.subscribe(original, QDate(2026, 1, 1));
    ExportOptions e;
    e.publicationCode = desk.daily().code;
    e.date = QDate(2026, 6, 3);
    e.preset = QStringLiteral("complet");
    e.encoding = Encoding::Windows1252;
    e.outPath = tempDir().filePath(QStringLiteral("complet-roundtrip.csv"));
    QVERIFY(exportDeliveryList(store, e));

    auto opened = Store::open(Test::freshDatabasePath());
    QVERIFY(opened);
    Store fresh = std::move(opened).value();
    ImportOptions o;
    o.inPath = e.outPath;
    auto r = importSubscribers(fresh, o);
    QVERIFY2(r, qPrintable(r ? QString() : errorText(r.error())));
    QCOMPARE(r->encoding, Encoding::Windows1252);
    const auto rebuilt = fresh.subscriberByNumber(original.number);
    QVERIFY(rebuilt);
    QCOMPARE(rebuilt->lastName, QStringLiteral("=Dupont")); // the export's apostrophe is taken off
    QCOMPARE(rebuilt->firstName, QStringLiteral("Zoë"));
    QCOMPARE(rebuilt->email, original.email);
    QCOMPARE(Validation::normalizePhone(rebuilt->phone),
             Validation::normalizePhone(original.phone));
    QCOMPARE(rebuilt->address.line2, QStringLiteral("Chez Œdipe"));
    QCOMPARE(rebuilt->address.line4, original.address.line4);
    QCOMPARE(rebuilt->address.inseeCode, QStringLiteral("75102")); // the INSEE code comes back too
}

void TestCsvImport::changesFileSkipsDrops()
{
    Test::DeskFixture desk;
    ImportOptions o;
    o.inPath = writeFile(QStringLiteral("changes.csv"),
                         "MOUVEMENT;NUMERO_ABONNE;L1;L4;L6\r\n"
                         "AJOUT;7;M. Jean Dupont;12 RUE DE LA PAIX;75002 PARIS\r\n"
                         "SUPPRESSION;8;M. Paul Martin;1 RUE DE RIVOLI;75001 PARIS\r\n");
    auto r = importSubscribers(desk.store(), o);
    QVERIFY2(r, qPrintable(r ? QString() : errorText(r.error())));
    QCOMPARE(r->imported, 1);
    QCOMPARE(r->notices.value(0).rule, QStringLiteral("movement.drop"));
    QVERIFY(desk.store().subscriberByNumber(7));
    QVERIFY(!desk.store().subscriberByNumber(8));
}

void TestCsvImport::operationJsonMatchesWritePath()
{
    // The import serialises the outbox fields itself; they must be what toJson() writes.
    Test::DeskFixture desk;
    Store &store = desk.store();
    QByteArray data = "nom;adresse;code postal;ville;notes\r\n"
                      "Dupont;12 rue de la Paix;75002;PARIS;\"say \"\"hi\"\" back\\slash\ttab \x01 "
                      "\xC3\xA9 /\r\nnext\"\r\n"
                      "Martin;1 rue de Rivoli;75001;PARIS;emoji \xF0\x9F\x98\x80 \x7F\r\n";
    ImportOptions o;
    o.inPath = writeFile(QStringLiteral("json.csv"), data);
    auto r = importSubscribers(store, o);
    QVERIFY2(r, qPrintable(r ? QString() : errorText(r.error())));
    QCOMPARE(r->imported, 2);
    for (const OutboxOperation &op : store.outbox()) {
        if (op.entity != u"subscriber")
            continue;
        const auto s = store.subscriberById(op.entityId);
        QVERIFY(s);
        QCOMPARE(op.fields, toJson(Rows::subscriber(*s)));
        QCOMPARE(store.auditOf({op.entityId}).first().newValues, op.fields);
    }
    QVERIFY(store.subscriberByNumber(1)->notes.contains(
        QStringLiteral("back\\slash\ttab \x01 é /\r\nnext")));
}

void TestCsvImport::preview()
{
    const QString path = writeFile(QStringLiteral("preview.csv"),
                                   kHeader + ";M.;Jean;Dupont;12 rue de la Paix;75002;PARIS\r\n");
    auto p = previewImport(path, 5);
    QVERIFY(p);
    QCOMPARE(p->header.size(), 7);
    QCOMPARE(p->rows.size(), 1);
    QCOMPARE(p->guessedFields.value(6), QStringLiteral("city"));
    QCOMPARE(p->guessedFields.value(0), QStringLiteral("number"));
}

QTEST_GUILESS_MAIN(TestCsvImport)
#include "tst_csvimport.moc"
