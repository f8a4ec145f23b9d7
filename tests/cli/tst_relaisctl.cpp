// relaisctl as a user runs it: exit statuses (0 ok, 1 failure, 2 usage, 3 invalid input), messages
// on stderr that name the field, --help on every subcommand, and a whole session of commands.

#include "database.h"
#include "testsupport.h"

// The synced tables' protocol columns, for checking desk-copy rows against them.
#include "schema.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run relaisctl(const QString &db, const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.setProgram(QStringLiteral(RELAISCTL_PATH));
    QStringList all;
    if (!db.isEmpty())
        all << QStringLiteral("--db") << db;
    all << QStringLiteral("--clerk") << QStringLiteral("testeur") << args;
    p.setArguments(all);
    // Under Wine (scripts/windows.sh) a process now and then fails to start while another suite
    // runs beside this one (seen twice in about 200 starts, a different command each time): a
    // start that failed ran nothing, so it is tried again, and said. A run that started and did
    // not finish is never repeated: it is reported with what QProcess knows.
    for (int attempt = 1;; ++attempt) {
        p.start();
        if (p.waitForStarted())
            break;
        const QString why = p.errorString();
        if (attempt == 3)
            return Run{-1, QString(), QStringLiteral("relaisctl did not start: ") + why};
        qWarning("relaisctl did not start (%s); trying again", qPrintable(why));
        QTest::qWait(500);
    }
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        const QString why = p.errorString();
        p.kill();
        p.waitForFinished(5000);
        return Run{-1, QString::fromUtf8(p.readAllStandardOutput()),
                   QStringLiteral("relaisctl did not finish: %1; stderr: %2")
                       .arg(why, QString::fromUtf8(p.readAllStandardError()))};
    }
    QString out = QString::fromUtf8(p.readAllStandardOutput());
    QString err = QString::fromUtf8(p.readAllStandardError());
#ifdef Q_OS_WIN
    // A Windows console program ends its lines with CRLF (scripts/windows.sh runs this under Wine).
    out.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    err.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
#endif
    return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, out, err};
}

QStringList split(const QString &s)
{
    return s.split(u' ', Qt::SkipEmptyParts);
}

} // namespace

class tst_Relaisctl : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void exitCodes_data();
    void exitCodes();
    void helpOnEverySubcommand();
    void session();
    void subscriberFromJson();
    void subscriberUpdateSendsOnlyTheGivenFields();
    void subscriberInseeCodeFollowsThePostalCode();
    void demoRefusesADeskWithWorkOfItsOwn_data();
    void demoRefusesADeskWithWorkOfItsOwn();
    void demoDeskQueuesNothingAndNeverSyncs_data();
    void demoDeskQueuesNothingAndNeverSyncs();
    void newerDatabaseRefused();
    void deskCopy_data();
    void deskCopy();
    void deskCopyErrors_data();
    void deskCopyErrors();

private:
    QString m_db; // with the demo catalogue and one subscriber, number 1
};

void tst_Relaisctl::initTestCase()
{
    m_db = Relais::Test::freshDatabasePath();
    QCOMPARE(relaisctl(m_db, split(QStringLiteral("demo --subscribers 0"))).exitCode, 0);
    const Run r = relaisctl(m_db, {QStringLiteral("subscriber"), QStringLiteral("add"),
                                   QStringLiteral("--last-name"), QStringLiteral("Dupont"),
                                   QStringLiteral("--line4"), QStringLiteral("12 rue de la Paix"),
                                   QStringLiteral("--postal-code"), QStringLiteral("75002"),
                                   QStringLiteral("--city"), QStringLiteral("Paris")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.trimmed(), QStringLiteral("1"));
}

void tst_Relaisctl::exitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrContains");
    QTest::newRow("no command") << QStringList{} << 2 << QString();
    QTest::newRow("unknown command")
        << split(QStringLiteral("frobnicate")) << 2 << QStringLiteral("unknown command");
    QTest::newRow("unknown option")
        << split(QStringLiteral("search --frob x")) << 2 << QStringLiteral("frob");
    QTest::newRow("missing argument")
        << split(QStringLiteral("subscriber show")) << 2 << QStringLiteral("NUMBER");
    QTest::newRow("demo needs count")
        << split(QStringLiteral("demo")) << 2 << QStringLiteral("--subscribers");
    QTest::newRow("demo negative")
        << split(QStringLiteral("demo --subscribers -5")) << 3 << QStringLiteral("subscribers:");
    QTest::newRow("search ok") << split(QStringLiteral("search dupont")) << 0 << QString();
    QTest::newRow("search bad limit")
        << split(QStringLiteral("search dupont --limit abc")) << 3 << QStringLiteral("limit:");
    QTest::newRow("show unknown") << split(QStringLiteral("subscriber show 999")) << 3
                                  << QStringLiteral("999");
    QTest::newRow("show not a number")
        << split(QStringLiteral("subscriber show abc")) << 3 << QStringLiteral("number:");
    QTest::newRow("update unknown")
        << split(QStringLiteral("subscriber update 999 --email a@example.fr")) << 3
        << QStringLiteral("999");
    QTest::newRow("update not a number")
        << split(QStringLiteral("subscriber update abc --email a@example.fr")) << 3
        << QStringLiteral("number:");
    QTest::newRow("update missing number")
        << split(QStringLiteral("subscriber update --email a@example.fr")) << 2
        << QStringLiteral("NUMBER");
    QTest::newRow("update nothing given")
        << split(QStringLiteral("subscriber update 1")) << 2 << QStringLiteral("nothing to change");
    QTest::newRow("update bad email") << split(QStringLiteral("subscriber update 1 --email nope"))
                                      << 3 << QStringLiteral("email:");
    QTest::newRow("update town mismatch")
        << split(QStringLiteral("subscriber update 1 --city LYON")) << 3 << QStringLiteral("city:");
    QTest::newRow("update json and options")
        << split(QStringLiteral("subscriber update 1 --json - --email a@example.fr")) << 2
        << QStringLiteral("--json");
    QTest::newRow("demo on a desk with work")
        << split(QStringLiteral("demo --subscribers 5")) << 3 << QStringLiteral("new desk file");
    QTest::newRow("line too long")
        << QStringList{QStringLiteral("subscriber"),    QStringLiteral("add"),
                       QStringLiteral("--last-name"),   QStringLiteral("X"),
                       QStringLiteral("--line4"),       QString(39, u'a'),
                       QStringLiteral("--postal-code"), QStringLiteral("75002"),
                       QStringLiteral("--city"),        QStringLiteral("PARIS")}
        << 3 << QStringLiteral("line4:");
    QTest::newRow("town mismatch")
        << QStringList{QStringLiteral("subscriber"),    QStringLiteral("add"),
                       QStringLiteral("--last-name"),   QStringLiteral("X"),
                       QStringLiteral("--line4"),       QStringLiteral("1 rue X"),
                       QStringLiteral("--postal-code"), QStringLiteral("75002"),
                       QStringLiteral("--city"),        QStringLiteral("LYON")}
        << 3 << QStringLiteral("city:");
    QTest::newRow("bad email") << split(QStringLiteral(
        "subscriber add --last-name X --line4 1_rue --postal-code 75002 --city PARIS --email nope"))
                               << 3 << QStringLiteral("email:");
    QTest::newRow("publication bad weekdays")
        << split(QStringLiteral("publication add XX --name N --weekdays 0-9")) << 3
        << QStringLiteral("weekdays:");
    QTest::newRow("publication bad cutoff")
        << split(QStringLiteral("publication add XX --name N --weekdays 1-6 --cutoff 25:00")) << 3
        << QStringLiteral("cutoff:");
    QTest::newRow("publication duplicate")
        << split(QStringLiteral("publication add LQC --name N --weekdays 1-6")) << 3
        << QStringLiteral("code:");
    QTest::newRow("offer unknown title")
        << split(QStringLiteral("offer add X1 --publication NOPE --months 12 --price-cents 100"))
        << 3 << QStringLiteral("publication:");
    QTest::newRow("offer bad months")
        << split(QStringLiteral("offer add X1 --publication LQC --months 0 --price-cents 100")) << 3
        << QStringLiteral("months:");
    QTest::newRow("subscription bad date") << split(
        QStringLiteral("subscription add --subscriber 1 --offer LQC-12M --start 2026-02-30"))
                                           << 3 << QStringLiteral("start:");
    QTest::newRow("subscription unknown offer")
        << split(QStringLiteral("subscription add --subscriber 1 --offer NOPE --start 2026-02-01"))
        << 3 << QStringLiteral("offer:");
    QTest::newRow("subscription unknown subscriber") << split(
        QStringLiteral("subscription add --subscriber 77 --offer LQC-12M --start 2026-02-01"))
                                                     << 3 << QStringLiteral("subscriber:");
    QTest::newRow("subscription copies") << split(QStringLiteral(
        "subscription add --subscriber 1 --offer LQC-12M --start 2026-02-01 --copies 0"))
                                         << 3 << QStringLiteral("copies:");
    QTest::newRow("cancel unknown")
        << split(QStringLiteral("subscription cancel nope --date 2026-02-01 --reason Prix")) << 3
        << QStringLiteral("does not exist");
    QTest::newRow("cancel needs reason")
        << split(QStringLiteral("subscription cancel nope --date 2026-02-01")) << 2
        << QStringLiteral("--reason");
    QTest::newRow("hold unknown subscription")
        << split(QStringLiteral("hold add --subscription nope --from 2026-02-01 --to 2026-02-03"))
        << 3 << QStringLiteral("does not exist");
    QTest::newRow("hold remove unknown")
        << split(QStringLiteral("hold remove nope")) << 3 << QStringLiteral("id:");
    QTest::newRow("hold change needs dates")
        << split(QStringLiteral("hold change nope --from 2026-07-01")) << 2
        << QStringLiteral("--to");
    QTest::newRow("holiday change bad date")
        << split(QStringLiteral("holiday-address change x --from 2026-07-01 --to 2026-13-01")) << 3
        << QStringLiteral("to:");
    QTest::newRow("delivery list sunday")
        << split(QStringLiteral("delivery-list --publication LQC --date 2026-06-14")) << 3
        << QStringLiteral("date:");
    QTest::newRow("delivery list unknown title")
        << split(QStringLiteral("delivery-list --publication NOPE --date 2026-06-15")) << 3
        << QStringLiteral("publication:");
    QTest::newRow("check") << split(QStringLiteral("check")) << 0 << QString();
    QTest::newRow("outbox") << split(QStringLiteral("outbox")) << 0 << QString();
    QTest::newRow("desk copy needs out")
        << split(QStringLiteral("desk-copy")) << 2 << QStringLiteral("--out");
    QTest::newRow("desk copy out without file")
        << split(QStringLiteral("desk-copy --out")) << 2 << QStringLiteral("out");
    QTest::newRow("desk copy unexpected argument")
        << split(QStringLiteral("desk-copy x --out y")) << 2 << QStringLiteral("unexpected");
    QTest::newRow("desk copy missing folder")
        << split(QStringLiteral("desk-copy --out /no/such/folder/copy.ndjson")) << 1
        << QStringLiteral("/no/such/folder/copy.ndjson");
}

void tst_Relaisctl::exitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrContains);
    for (QString &a : args)
        a.replace(u'_', u' ');
    const Run r = relaisctl(m_db, args);
    QVERIFY2(r.exitCode == exitCode,
             qPrintable(QStringLiteral("exit %1, stderr: %2").arg(r.exitCode).arg(r.err)));
    if (!stderrContains.isEmpty())
        QVERIFY2(r.err.contains(stderrContains), qPrintable(r.err));
    if (exitCode == 0)
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
}

void tst_Relaisctl::helpOnEverySubcommand()
{
    const Run global = relaisctl(QString(), {QStringLiteral("--help")});
    QCOMPARE(global.exitCode, 0);
    QStringList names;
    for (const QString &line : global.out.split(u'\n')) {
        if (!line.startsWith(QStringLiteral("  ")) || line.startsWith(QStringLiteral("   "))
            || line.trimmed().startsWith(u'-'))
            continue;
        const QString name = line.left(26).trimmed();
        if (!name.isEmpty())
            names << name;
    }
    for (const QString &expected :
         {QStringLiteral("demo"), QStringLiteral("search"), QStringLiteral("subscriber add"),
          QStringLiteral("subscriber update"), QStringLiteral("subscriber show"),
          QStringLiteral("publication add"), QStringLiteral("offer add"),
          QStringLiteral("publications"), QStringLiteral("offers"),
          QStringLiteral("subscription add"), QStringLiteral("subscription cancel"),
          QStringLiteral("hold add"), QStringLiteral("holiday-address add"),
          QStringLiteral("delivery-list"), QStringLiteral("outbox"), QStringLiteral("check"),
          QStringLiteral("desk-copy")})
        QVERIFY2(names.contains(expected),
                 qPrintable(expected + QStringLiteral(" missing from ") + names.join(u',')));
    const QString missing = Relais::Test::freshDatabasePath();
    for (const QString &name : names) {
        const Run r = relaisctl(missing, split(name) << QStringLiteral("--help"));
        QVERIFY2(r.exitCode == 0, qPrintable(name + QStringLiteral(": ") + r.err));
        QVERIFY2(r.out.startsWith(QStringLiteral("Usage: relaisctl")),
                 qPrintable(name + u':' + r.out));
        QVERIFY2(r.out.contains(name), qPrintable(name));
    }
    // --help never creates a database.
    QVERIFY(!QFile::exists(missing));
}

void tst_Relaisctl::session()
{
    const QString db = Relais::Test::freshDatabasePath();
    QCOMPARE(relaisctl(db,
                       split(QStringLiteral(
                           "publication add lqc --name Quotidien --weekdays 1-6 --cutoff 14:00")))
                 .exitCode,
             0);
    QCOMPARE(relaisctl(db,
                       split(QStringLiteral(
                           "offer add LQC-1A --publication LQC --months 12 --price-cents 39900")))
                 .exitCode,
             0);
    const Run pubs = relaisctl(db, split(QStringLiteral("publications --json")));
    QCOMPARE(pubs.exitCode, 0);
    const QJsonArray pa = QJsonDocument::fromJson(pubs.out.toUtf8()).array();
    QCOMPARE(pa.size(), 1);
    QCOMPARE(pa.first().toObject().value(QStringLiteral("weekdays")).toString(),
             QStringLiteral("1-6"));
    QCOMPARE(pa.first().toObject().value(QStringLiteral("code")).toString(), QStringLiteral("LQC"));

    const Run add = relaisctl(db, {QStringLiteral("subscriber"), QStringLiteral("add"),
                                   QStringLiteral("--civility"), QStringLiteral("Mme"),
                                   QStringLiteral("--first-name"), QStringLiteral("Hélène"),
                                   QStringLiteral("--last-name"), QStringLiteral("Lefèvre"),
                                   QStringLiteral("--line4"), QStringLiteral("3 rue Pasteur"),
                                   QStringLiteral("--postal-code"), QStringLiteral("69001"),
                                   QStringLiteral("--city"), QStringLiteral("Lyon"),
                                   QStringLiteral("--phone"), QStringLiteral("0612345678")});
    QCOMPARE(add.exitCode, 0);
    const QString number = add.out.trimmed();
    const Run sub = relaisctl(
        db,
        split(QStringLiteral(
                  "subscription add --subscriber %1 --offer LQC-1A --start 2026-06-01 --copies 2")
                  .arg(number)));
    QCOMPARE(sub.exitCode, 0);
    const QString subId = sub.out.trimmed();
    QCOMPARE(subId.size(), 36);
    QCOMPARE(relaisctl(db, split(QStringLiteral(
                                     "hold add --subscription %1 --from 2026-07-01 --to 2026-07-05")
                                     .arg(subId)))
                 .exitCode,
             0);
    const Run overlap = relaisctl(
        db, split(QStringLiteral("hold add --subscription %1 --from 2026-07-05 --to 2026-07-09")
                      .arg(subId)));
    QCOMPARE(overlap.exitCode, 3);
    QVERIFY2(overlap.err.contains(QStringLiteral("01/07/2026")), qPrintable(overlap.err));
    QCOMPARE(relaisctl(db, {QStringLiteral("holiday-address"), QStringLiteral("add"),
                            QStringLiteral("--subscription"), subId, QStringLiteral("--from"),
                            QStringLiteral("2026-08-01"), QStringLiteral("--to"),
                            QStringLiteral("2026-08-20"), QStringLiteral("--line4"),
                            QStringLiteral("4 chemin des Dunes"), QStringLiteral("--postal-code"),
                            QStringLiteral("17580"), QStringLiteral("--city"),
                            QStringLiteral("LE BOIS PLAGE EN RE")})
                 .exitCode,
             0);

    auto deliveryOn = [&](const QString &date) {
        const Run r = relaisctl(db, split(QStringLiteral(
                                              "delivery-list --publication LQC --date %1 --json")
                                              .arg(date)));
        return QJsonDocument::fromJson(r.out.toUtf8()).array();
    };
    QCOMPARE(deliveryOn(QStringLiteral("2026-06-30")).size(), 1);
    QCOMPARE(deliveryOn(QStringLiteral("2026-06-30"))
                 .first()
                 .toObject()
                 .value(QStringLiteral("copies"))
                 .toInt(),
             2);
    QCOMPARE(deliveryOn(QStringLiteral("2026-07-01")).size(), 0); // held
    QCOMPARE(deliveryOn(QStringLiteral("2026-07-06")).size(), 1);
    const QJsonObject holiday = deliveryOn(QStringLiteral("2026-08-03")).first().toObject();
    QCOMPARE(holiday.value(QStringLiteral("postal_code")).toString(), QStringLiteral("17580"));
    QCOMPARE(holiday.value(QStringLiteral("temporary_address")).toBool(), true);
    QCOMPARE(holiday.value(QStringLiteral("line1")).toString(),
             QStringLiteral("Mme Hélène Lefèvre"));

    // The reader comes back early: the hold ends on 2026-07-02 and the 3rd is delivered again.
    const QJsonArray
        changes = QJsonDocument::fromJson(
                      relaisctl(db, split(QStringLiteral("subscriber show %1 --json").arg(number)))
                          .out.toUtf8())
                      .object()
                      .value(QStringLiteral("subscriptions"))
                      .toArray()
                      .first()
                      .toObject()
                      .value(QStringLiteral("delivery_changes"))
                      .toArray();
    const QString holdId = changes.first().toObject().value(QStringLiteral("id")).toString();
    QCOMPARE(changes.first().toObject().value(QStringLiteral("kind")).toString(),
             QStringLiteral("hold"));
    QCOMPARE(deliveryOn(QStringLiteral("2026-07-03")).size(), 0);
    QCOMPARE(relaisctl(db, split(QStringLiteral("holiday-address remove %1").arg(holdId))).exitCode,
             3); // not a holiday address
    QCOMPARE(relaisctl(db, split(QStringLiteral("hold change %1 --from 2026-07-01 --to 2026-07-02")
                                     .arg(holdId)))
                 .exitCode,
             0);
    QCOMPARE(deliveryOn(QStringLiteral("2026-07-03")).size(), 1);
    QCOMPARE(relaisctl(db, split(QStringLiteral("hold remove %1").arg(holdId))).exitCode, 0);
    QCOMPARE(deliveryOn(QStringLiteral("2026-07-01")).size(), 1);

    QCOMPARE(relaisctl(db,
                       split(QStringLiteral(
                                 "subscription cancel %1 --date 2026-09-01 --reason Déménagement")
                                 .arg(subId)))
                 .exitCode,
             0);
    QCOMPARE(deliveryOn(QStringLiteral("2026-08-31")).size(), 1);
    QCOMPARE(deliveryOn(QStringLiteral("2026-09-01")).size(), 0);

    const Run found = relaisctl(db, split(QStringLiteral("search helene lef --json")));
    QCOMPARE(found.exitCode, 0);
    const QJsonArray hits = QJsonDocument::fromJson(found.out.toUtf8()).array();
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits.first().toObject().value(QStringLiteral("phone")).toString(),
             QStringLiteral("06 12 34 56 78"));

    const Run show = relaisctl(db, split(QStringLiteral("subscriber show %1 --json").arg(number)));
    const QJsonObject shown = QJsonDocument::fromJson(show.out.toUtf8()).object();
    QCOMPARE(shown.value(QStringLiteral("subscriptions")).toArray().size(), 1);
    QCOMPARE(shown.value(QStringLiteral("subscriptions"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("delivery_changes"))
                 .toArray()
                 .size(),
             1); // the hold was removed

    const Run outbox = relaisctl(db, split(QStringLiteral("outbox --json")));
    const QJsonArray ops = QJsonDocument::fromJson(outbox.out.toUtf8()).array();
    QStringList operations;
    for (const QJsonValue &op : ops)
        operations << op.toObject().value(QStringLiteral("operation")).toString();
    QCOMPARE(operations,
             (QStringList{QStringLiteral("publication.create"), QStringLiteral("offer.create"),
                          QStringLiteral("subscriber.create"),
                          QStringLiteral("subscription.create"), QStringLiteral("hold.create"),
                          QStringLiteral("holiday_address.create"), QStringLiteral("hold.update"),
                          QStringLiteral("hold.delete"), QStringLiteral("subscription.cancel")}));
    for (int i = 0; i < ops.size(); ++i) {
        QCOMPARE(ops.at(i).toObject().value(QStringLiteral("seq")).toInt(), i + 1);
        QCOMPARE(ops.at(i).toObject().value(QStringLiteral("clerk")).toString(),
                 QStringLiteral("testeur"));
    }
    const Run check = relaisctl(db, split(QStringLiteral("check --json")));
    QCOMPARE(check.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(check.out.toUtf8())
                 .object()
                 .value(QStringLiteral("ok"))
                 .toBool(),
             true);
}

void tst_Relaisctl::subscriberFromJson()
{
    const QString db = Relais::Test::freshDatabasePath();
    const QByteArray good =
        R"({"last_name": "Durand", "first_name": "Zoé", "line4": "5 place Bellecour", "postal_code": "69002", "city": "LYON"})";
    const Run r = relaisctl(db, split(QStringLiteral("subscriber add --json -")), good);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.trimmed(), QStringLiteral("1"));
    const Run bad = relaisctl(db, split(QStringLiteral("subscriber add --json -")),
                              R"({"last_name": 5, "shoe_size": "42"})");
    QCOMPARE(bad.exitCode, 3);
    QVERIFY(bad.err.contains(QStringLiteral("last_name")));
    QVERIFY(bad.err.contains(QStringLiteral("shoe_size")));
    const Run broken = relaisctl(db, split(QStringLiteral("subscriber add --json -")),
                                 "{\"last_name\": ");
    QCOMPARE(broken.exitCode, 3);
    const Run missing = relaisctl(db, split(QStringLiteral(
                                          "subscriber add --json /no/such/file.json")));
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.err.contains(QStringLiteral("/no/such/file.json")));
}

void tst_Relaisctl::subscriberInseeCodeFollowsThePostalCode()
{
    const QString db = Relais::Test::freshDatabasePath();
    const Run add = relaisctl(
        db, split(QStringLiteral("subscriber add --json -")),
        R"({"last_name": "Durand", "line4": "12 rue de la Paix", "postal_code": "75002", )"
        R"("city": "PARIS", "insee_code": "75102"})");
    QVERIFY2(add.exitCode == 0, qPrintable(add.err));
    const QString number = add.out.trimmed();
    auto shown = [&] {
        return QJsonDocument::fromJson(
                   relaisctl(db, split(QStringLiteral("subscriber show %1 --json").arg(number)))
                       .out.toUtf8())
            .object();
    };
    QCOMPARE(shown().value(QStringLiteral("insee_code")).toString(), QStringLiteral("75102"));
    // A code of another postal code is refused, on its field; nothing changes.
    Run r = relaisctl(db, split(QStringLiteral("subscriber update %1 --json -").arg(number)),
                      R"({"insee_code": "01053"})");
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("insee_code")), qPrintable(r.err));
    QCOMPARE(shown().value(QStringLiteral("insee_code")).toString(), QStringLiteral("75102"));
    // Moving the address to Lyon drops the code it no longer fits (rather than refusing the move).
    r = relaisctl(db, {QStringLiteral("subscriber"), QStringLiteral("update"), number,
                       QStringLiteral("--postal-code"), QStringLiteral("69002"),
                       QStringLiteral("--city"), QStringLiteral("LYON")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(shown().value(QStringLiteral("city")).toString(), QStringLiteral("LYON"));
    QCOMPARE(shown().value(QStringLiteral("insee_code")).toString(), QString());
}

void tst_Relaisctl::subscriberUpdateSendsOnlyTheGivenFields()
{
    const QString db = Relais::Test::freshDatabasePath();
    const Run add = relaisctl(db, {QStringLiteral("subscriber"), QStringLiteral("add"),
                                   QStringLiteral("--last-name"), QStringLiteral("Dupont"),
                                   QStringLiteral("--first-name"), QStringLiteral("Jean"),
                                   QStringLiteral("--line4"), QStringLiteral("12 rue de la Paix"),
                                   QStringLiteral("--postal-code"), QStringLiteral("75002"),
                                   QStringLiteral("--city"), QStringLiteral("Paris"),
                                   QStringLiteral("--phone"), QStringLiteral("0612345678")});
    QCOMPARE(add.exitCode, 0);
    const QString number = add.out.trimmed();
    auto lastOp = [&db] {
        const Run outbox = relaisctl(db, split(QStringLiteral("outbox --json")));
        const QJsonArray ops = QJsonDocument::fromJson(outbox.out.toUtf8()).array();
        return std::pair{ops.size(), ops.last().toObject()};
    };
    auto object = [](const QJsonValue &v) {
        return v.isObject() ? v.toObject()
                            : QJsonDocument::fromJson(v.toString().toUtf8()).object();
    };

    Run r = relaisctl(db, {QStringLiteral("subscriber"), QStringLiteral("update"), number,
                           QStringLiteral("--line4"), QStringLiteral("3 avenue Foch"),
                           QStringLiteral("--email"), QStringLiteral("jean@example.fr")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.out.trimmed(), number);
    auto [count, op] = lastOp();
    QCOMPARE(count, 2);
    QCOMPARE(op.value(QStringLiteral("operation")).toString(), QStringLiteral("subscriber.update"));
    QJsonObject fields = object(op.value(QStringLiteral("fields")));
    QJsonObject base = object(op.value(QStringLiteral("base")));
    QCOMPARE(fields.keys(), (QStringList{QStringLiteral("email"), QStringLiteral("line4")}));
    QCOMPARE(fields.value(QStringLiteral("line4")).toString(), QStringLiteral("3 avenue Foch"));
    QCOMPARE(base.value(QStringLiteral("line4")).toString(), QStringLiteral("12 rue de la Paix"));
    QCOMPARE(base.value(QStringLiteral("email")).toString(), QString());
    // The other fields are as they were.
    const QJsonObject
        shown = QJsonDocument::fromJson(
                    relaisctl(db, split(QStringLiteral("subscriber show %1 --json").arg(number)))
                        .out.toUtf8())
                    .object();
    QCOMPARE(shown.value(QStringLiteral("last_name")).toString(), QStringLiteral("Dupont"));
    QCOMPARE(shown.value(QStringLiteral("first_name")).toString(), QStringLiteral("Jean"));
    QCOMPARE(shown.value(QStringLiteral("phone")).toString(), QStringLiteral("06 12 34 56 78"));
    QCOMPARE(shown.value(QStringLiteral("line4")).toString(), QStringLiteral("3 avenue Foch"));

    // From JSON: only the keys present; an empty value clears a field.
    r = relaisctl(db, split(QStringLiteral("subscriber update %1 --json -").arg(number)),
                  R"({"first_name": "", "notes": "Sonner deux fois"})");
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    std::tie(count, op) = lastOp();
    QCOMPARE(count, 3);
    fields = object(op.value(QStringLiteral("fields")));
    QCOMPARE(fields.keys(), (QStringList{QStringLiteral("first_name"), QStringLiteral("notes"),
                                         QStringLiteral("sort_key")}));
    QCOMPARE(object(op.value(QStringLiteral("base")))
                 .value(QStringLiteral("first_name"))
                 .toString(),
             QStringLiteral("Jean"));

    // The same values again: nothing changes, nothing is queued.
    r = relaisctl(db, {QStringLiteral("subscriber"), QStringLiteral("update"), number,
                       QStringLiteral("--line4"), QStringLiteral("3 avenue Foch")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(lastOp().first, 3);
    // Refused input writes nothing.
    r = relaisctl(db, split(QStringLiteral("subscriber update %1 --json -").arg(number)),
                  R"({"shoe_size": "42"})");
    QCOMPARE(r.exitCode, 3);
    QVERIFY(r.err.contains(QStringLiteral("shoe_size")));
    QCOMPARE(lastOp().first, 3);
}

void tst_Relaisctl::demoRefusesADeskWithWorkOfItsOwn_data()
{
    // What the desk holds before `demo --subscribers 3`, and whether the demo goes ahead.
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrContains");
    QTest::newRow("new desk") << QString() << QString() << 0 << QString();
    QTest::newRow("a previous demo")
        << QStringLiteral("demo --subscribers 2") << QString() << 0 << QString();
    QTest::newRow("a clerk's subscriber")
        << QStringLiteral(
               "subscriber add --last-name Dupont --line4 1_rue_X --postal-code 75002 --city PARIS")
        << QString() << 3 << QStringLiteral("change(s) made by clerks");
    QTest::newRow("a clerk's title")
        << QStringLiteral("publication add ZZZ --name Z --weekdays 1-6") << QString() << 3
        << QStringLiteral("change(s) made by clerks");
    QTest::newRow("a pulled subscriber")
        << QStringLiteral("demo --subscribers 2")
        << QStringLiteral("UPDATE subscriber SET updated_by = 'serveur' WHERE seq = 1") << 3
        << QStringLiteral("of its own");
    for (const char *key : {"server_url", "server_epoch", "sync_registered"})
        QTest::addRow("registered (%s)", key)
            << QString()
            << QStringLiteral("INSERT INTO meta(key, value) VALUES ('%1', 'x')")
                   .arg(QLatin1StringView(key))
            << 3 << QStringLiteral("registered with a server");
}

void tst_Relaisctl::demoRefusesADeskWithWorkOfItsOwn()
{
    QFETCH(QString, before);
    QFETCH(QString, sql);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrContains);
    const QString db = Relais::Test::freshDatabasePath();
    QCOMPARE(relaisctl(db, split(QStringLiteral("check"))).exitCode, 0);
    if (!before.isEmpty()) {
        QStringList args = split(before);
        for (QString &a : args)
            a.replace(u'_', u' ');
        const Run setup = relaisctl(db, args);
        QVERIFY2(setup.exitCode == 0, qPrintable(setup.err));
    }
    auto subscribers = [&db] {
        auto opened = Relais::Database::open(db);
        QSqlQuery q(opened.value().db());
        return q.exec(QStringLiteral("SELECT count(*) FROM subscriber")) && q.next()
                   ? q.value(0).toLongLong()
                   : -1;
    };
    if (!sql.isEmpty()) {
        auto opened = Relais::Database::open(db);
        QVERIFY(opened.ok());
        QSqlQuery q(opened.value().db());
        QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
    }
    const qint64 subscribersBefore = subscribers();
    const Run r = relaisctl(db, split(QStringLiteral("demo --subscribers 3")));
    QVERIFY2(r.exitCode == exitCode,
             qPrintable(QStringLiteral("exit %1, stderr: %2").arg(r.exitCode).arg(r.err)));
    QVERIFY2(r.err.contains(stderrContains), qPrintable(r.err));
    // Refused: nothing added. Accepted: three more.
    QCOMPARE(subscribers(), subscribersBefore + (exitCode == 0 ? 3 : 0));
}

void tst_Relaisctl::demoDeskQueuesNothingAndNeverSyncs_data()
{
    QTest::addColumn<int>("subscribers");
    QTest::newRow("catalogue only") << 0;
    QTest::newRow("demo desk") << 25;
}

void tst_Relaisctl::demoDeskQueuesNothingAndNeverSyncs()
{
    // A fresh demo desk is local seed data: nothing waits for a server (the outbox, sync status and
    // the window's "changes waiting" all read the same queue), and a sync is refused before any
    // login, without the desk keeping the server's address.
    QFETCH(int, subscribers);
    const QString db = Relais::Test::freshDatabasePath();
    const Run demo = relaisctl(db, split(QStringLiteral("demo --subscribers %1 --seed 3")
                                             .arg(subscribers)));
    QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));
    const Run outbox = relaisctl(db, split(QStringLiteral("outbox --json")));
    QCOMPARE(outbox.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(outbox.out.toUtf8()).array().size(), 0);
    const Run status = relaisctl(db, split(QStringLiteral("sync status --json")));
    QCOMPARE(status.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(status.out.toUtf8())
                 .object()
                 .value(QStringLiteral("pending"))
                 .toInteger(),
             0);
    QCOMPARE(QJsonDocument::fromJson(status.out.toUtf8())
                 .object()
                 .value(QStringLiteral("desk_seq"))
                 .toInteger(),
             0);

    const QString password = QFileInfo(db).absolutePath() + QStringLiteral("/password");
    {
        QFile f(password);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("secret\n");
    }
    // Port 9 (discard): nothing answers there; the refusal must come before any request.
    const Run sync = relaisctl(
        db, split(QStringLiteral("sync --server http://127.0.0.1:9 --user clerk --password-file %1 "
                                 "--timeout 20")
                      .arg(password)));
    QCOMPARE(sync.exitCode, 1);
    QVERIFY2(sync.err.contains(QStringLiteral("demo desk")), qPrintable(sync.err));
    const Run after = relaisctl(db, split(QStringLiteral("sync status --json")));
    QCOMPARE(QJsonDocument::fromJson(after.out.toUtf8())
                 .object()
                 .value(QStringLiteral("server"))
                 .toString(),
             QString());
    // Another demo run is still allowed (the desk kept no server), and still queues nothing.
    const Run again = relaisctl(db, split(QStringLiteral("demo --subscribers 2 --seed 4")));
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    QCOMPARE(QJsonDocument::fromJson(
                 relaisctl(db, split(QStringLiteral("outbox --json"))).out.toUtf8())
                 .array()
                 .size(),
             0);
}

void tst_Relaisctl::newerDatabaseRefused()
{
    const QString db = Relais::Test::freshDatabasePath();
    const Run first = relaisctl(db, split(QStringLiteral("check")));
    QVERIFY2(first.exitCode == 0, qPrintable(first.err));
    // Written by a later Relais: the schema version is higher than this one knows.
    {
        auto opened = Relais::Database::open(db);
        QVERIFY(opened.ok());
        QSqlQuery q(opened.value().db());
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 999")));
    }
    const Run r = relaisctl(db, split(QStringLiteral("search x")));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("999")), qPrintable(r.err));
}

namespace {

// The lines of a file split at LF; nullopt (with a failure) if a line ends in CR or the file does not
// end with LF.
QList<QByteArray> ndjsonLines(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QByteArray all = f.readAll();
    if (!all.endsWith('\n'))
        return {};
    all.chop(1);
    return all.split('\n');
}

qint64 scalar(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

QSet<QString> keySet(const QJsonObject &o)
{
    const QStringList keys = o.keys();
    return QSet<QString>(keys.cbegin(), keys.cend());
}

QStringList copiedTableNames()
{
    QStringList names;
    for (const Relais::Protocol::Table &t : Relais::Protocol::syncedTables())
        if (t.name != u"publisher")
            names << t.name;
    return names;
}

} // namespace

void tst_Relaisctl::deskCopy_data()
{
    QTest::addColumn<int>("subscribers");
    QTest::addColumn<int>("holds");
    QTest::addColumn<bool>("removeHold");
    QTest::newRow("catalogue only") << 0 << 0 << false;
    QTest::newRow("demo desk, one hold") << 40 << 1 << false;
    QTest::newRow("demo desk, two holds, one removed") << 40 << 2 << true;
}

void tst_Relaisctl::deskCopy()
{
    QFETCH(int, subscribers);
    QFETCH(int, holds);
    QFETCH(bool, removeHold);
    const QString db = Relais::Test::freshDatabasePath();
    QCOMPARE(relaisctl(db, split(QStringLiteral("demo --subscribers %1 --seed 7 --today 2026-06-01")
                                     .arg(subscribers)))
                 .exitCode,
             0);
    QStringList holdIds;
    if (holds > 0) {
        const Run add = relaisctl(db,
                                  {QStringLiteral("subscriber"), QStringLiteral("add"),
                                   QStringLiteral("--last-name"), QStringLiteral("Dupont"),
                                   QStringLiteral("--line4"), QStringLiteral("12 rue de la Paix"),
                                   QStringLiteral("--postal-code"), QStringLiteral("75002"),
                                   QStringLiteral("--city"), QStringLiteral("Paris")});
        QCOMPARE(add.exitCode, 0);
        const Run sub = relaisctl(
            db, split(QStringLiteral(
                          "subscription add --subscriber %1 --offer LQC-12M --start 2026-06-01")
                          .arg(add.out.trimmed())));
        QVERIFY2(sub.exitCode == 0, qPrintable(sub.err));
        for (int i = 0; i < holds; ++i) {
            const Run hold = relaisctl(
                db, split(QStringLiteral(
                              "hold add --subscription %1 --from 2026-0%2-01 --to 2026-0%2-05")
                              .arg(sub.out.trimmed())
                              .arg(7 + i)));
            QVERIFY2(hold.exitCode == 0, qPrintable(hold.err));
            holdIds << hold.out.trimmed();
        }
        if (removeHold)
            QCOMPARE(relaisctl(db, split(QStringLiteral("hold remove %1").arg(holdIds.first())))
                         .exitCode,
                     0);
    }

    const QString out = QFileInfo(db).absolutePath() + QStringLiteral("/copy.ndjson");
    const Run r = relaisctl(db, split(QStringLiteral("desk-copy --out %1").arg(out)));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    // Nothing left beside the copy (no temporary file).
    const QStringList left = QDir(QFileInfo(db).absolutePath()).entryList(QDir::Files);
    for (const QString &name : left)
        QVERIFY2(name == u"copy.ndjson" || name.startsWith(QStringLiteral("desk.sqlite")),
                 qPrintable(left.join(u',')));

    auto opened = Relais::Database::open(db);
    QVERIFY(opened.ok());
    QSqlDatabase &sql = opened.value().db();
    QString deskId;
    {
        QSqlQuery q(sql);
        QVERIFY(q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'desk_id'")) && q.next());
        deskId = q.value(0).toString();
    }
    const qint64 lastSeq = scalar(sql, QStringLiteral("SELECT coalesce(max(seq), 0) FROM outbox"));
    QVERIFY(lastSeq >= 0);
    if (holds > 0) {
        QVERIFY(lastSeq > 0);
        QCOMPARE(scalar(sql, QStringLiteral("SELECT count(*) FROM outbox WHERE desk_id <> '%1'")
                                 .arg(deskId)),
                 0);
    }

    const QFileInfo info(out);
    QVERIFY(info.exists());
    QFile raw(out);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    QVERIFY2(!raw.readAll().contains('\r'), "CR in the copy");
    raw.close();
    const QList<QByteArray> lines = ndjsonLines(out);
    QVERIFY2(lines.size() >= 2, "the copy ends with LF and has a header and a trailer");

    auto parse = [](const QByteArray &line, QJsonObject &o) {
        QJsonParseError e;
        const QJsonDocument d = QJsonDocument::fromJson(line, &e);
        if (e.error != QJsonParseError::NoError || !d.isObject())
            return false;
        o = d.object();
        return true;
    };

    QJsonObject header;
    QVERIFY2(parse(lines.first(), header), lines.first().constData());
    QCOMPARE(keySet(header),
             (QSet<QString>{QStringLiteral("format"), QStringLiteral("version"),
                            QStringLiteral("desk_id"), QStringLiteral("desk_last_seq"),
                            QStringLiteral("created_at"), QStringLiteral("schema_version")}));
    QCOMPARE(header.value(QStringLiteral("format")).toString(), QStringLiteral("relais-desk-copy"));
    QVERIFY(header.value(QStringLiteral("version")).isDouble());
    QCOMPARE(header.value(QStringLiteral("version")).toInt(), 1);
    QCOMPARE(header.value(QStringLiteral("desk_id")).toString(), deskId);
    QVERIFY(header.value(QStringLiteral("desk_last_seq")).isDouble());
    QCOMPARE(qint64(header.value(QStringLiteral("desk_last_seq")).toDouble()), lastSeq);
    QVERIFY(header.value(QStringLiteral("schema_version")).isDouble());
    QCOMPARE(header.value(QStringLiteral("schema_version")).toInt(),
             int(scalar(sql, QStringLiteral("PRAGMA user_version"))));
    const QString createdAt = header.value(QStringLiteral("created_at")).toString();
    QVERIFY2(createdAt.endsWith(u'Z') && createdAt.contains(u'.'), qPrintable(createdAt));
    const QDateTime created = QDateTime::fromString(createdAt, Qt::ISODateWithMs);
    QVERIFY2(created.isValid() && created.timeSpec() == Qt::UTC, qPrintable(createdAt));
    QVERIFY(qAbs(created.secsTo(QDateTime::currentDateTimeUtc())) < 600);

    QJsonObject trailer;
    QVERIFY2(parse(lines.last(), trailer), lines.last().constData());
    QCOMPARE(keySet(trailer), (QSet<QString>{QStringLiteral("end"), QStringLiteral("rows")}));
    QCOMPARE(trailer.value(QStringLiteral("end")).toBool(), true);
    const qint64 rowLines = lines.size() - 2;
    QCOMPARE(qint64(trailer.value(QStringLiteral("rows")).toDouble()), rowLines);

    const QStringList tables = copiedTableNames();
    QHash<QString, qint64> rows, tombstones;
    int lastTable = 0;
    QString lastId;
    for (qsizetype i = 1; i + 1 < lines.size(); ++i) {
        QJsonObject line;
        QVERIFY2(parse(lines.at(i), line), lines.at(i).constData());
        QCOMPARE(keySet(line), (QSet<QString>{QStringLiteral("entity"), QStringLiteral("row")}));
        const QString entity = line.value(QStringLiteral("entity")).toString();
        const int t = int(tables.indexOf(entity));
        QVERIFY2(t >= 0, qPrintable(entity));
        // Dependency order, then rows by id.
        QVERIFY2(t >= lastTable, qPrintable(entity));
        const QJsonObject row = line.value(QStringLiteral("row")).toObject();
        const QString id = row.value(QStringLiteral("id")).toString();
        QVERIFY2(!id.isEmpty(), lines.at(i).constData());
        if (t == lastTable && !lastId.isEmpty())
            QVERIFY2(lastId < id, qPrintable(lastId + u' ' + id));
        lastTable = t;
        lastId = id;
        const Relais::Protocol::Table *table = Relais::Protocol::tableByName(entity);
        QVERIFY(table);
        QSet<QString> expected{QStringLiteral("id")};
        for (const Relais::Protocol::Column &c : table->columns) {
            expected.insert(c.name);
            const QJsonValue v = row.value(c.name);
            const bool typed = c.type == Relais::Protocol::ColumnType::Integer
                                   ? v.isDouble() && v.toDouble() == double(v.toInteger())
                                   : v.isString() || (c.nullable && v.isNull());
            QVERIFY2(typed,
                     qPrintable(entity + u'.' + c.name + u' ' + QString::fromUtf8(lines.at(i))));
        }
        QCOMPARE(keySet(row), expected);
        ++rows[entity];
        if (row.value(QStringLiteral("deleted")).toInteger() == 1)
            ++tombstones[entity];
    }
    for (const QString &table : tables) {
        QCOMPARE(rows.value(table), scalar(sql, QStringLiteral("SELECT count(*) FROM ") + table));
        QCOMPARE(tombstones.value(table),
                 scalar(sql,
                        QStringLiteral("SELECT count(*) FROM %1 WHERE deleted = 1").arg(table)));
    }
    if (subscribers > 0)
        QCOMPARE(rows.value(QStringLiteral("subscriber")),
                 qint64(subscribers + (holds > 0 ? 1 : 0)));
    if (removeHold)
        QVERIFY(tombstones.value(QStringLiteral("delivery_change"))
                >= 1); // the removed hold is in the copy
    QCOMPARE(r.out, QStringLiteral("desk copy: %1 rows, desk %2 up to operation %3 -> %4\n")
                        .arg(rowLines)
                        .arg(deskId)
                        .arg(lastSeq)
                        .arg(out));

    // A second copy replaces the first.
    const Run again = relaisctl(db, split(QStringLiteral("desk-copy --out %1").arg(out)));
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(ndjsonLines(out).size(), lines.size());
}

void tst_Relaisctl::deskCopyErrors_data()
{
    QTest::addColumn<QString>("out"); // relative to an empty folder; "" for no --out
    QTest::addColumn<bool>("deskExists");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrContains");
    QTest::newRow("no --out") << QString() << true << 2 << QStringLiteral("--out");
    QTest::newRow("missing folder") << QStringLiteral("no/such/folder/copy.ndjson") << true << 1
                                    << QStringLiteral("copy.ndjson");
    QTest::newRow("out is a folder")
        << QStringLiteral("folder") << true << 1 << QStringLiteral("folder");
    QTest::newRow("no desk database")
        << QStringLiteral("copy.ndjson") << false << 1 << QStringLiteral("no desk database");
}

void tst_Relaisctl::deskCopyErrors()
{
    QFETCH(QString, out);
    QFETCH(bool, deskExists);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrContains);
    const QString db = Relais::Test::freshDatabasePath();
    if (deskExists)
        QCOMPARE(relaisctl(db, split(QStringLiteral("demo --subscribers 5"))).exitCode, 0);
    // The copy goes to a folder of its own, which must stay as it was.
    const QString folder = Relais::Test::freshDatabasePath(QStringLiteral("out"));
    QVERIFY(QDir().mkpath(folder + QStringLiteral("/folder")));
    QStringList args{QStringLiteral("desk-copy")};
    if (!out.isEmpty())
        args << QStringLiteral("--out") << folder + u'/' + out;
    const Run r = relaisctl(db, args);
    QVERIFY2(r.exitCode == exitCode,
             qPrintable(QStringLiteral("exit %1, stderr: %2").arg(r.exitCode).arg(r.err)));
    QVERIFY2(r.err.contains(stderrContains), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
    QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{QStringLiteral("folder")});
    QVERIFY(QDir(folder + QStringLiteral("/folder")).isEmpty());
    if (!deskExists)
        QVERIFY(!QFile::exists(db)); // a copy never creates a desk
}

QTEST_GUILESS_MAIN(tst_Relaisctl)
#include "tst_relaisctl.moc"
