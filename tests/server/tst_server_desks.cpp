// The desks at a glance against a real relais-server (SQLite, and PostgreSQL under
// run-with-postgres.sh): a desk's report is stored (the latest one), with the server's times of its
// last push and pull; a supervisor sees the desks of their own publisher only, a clerk none; the
// late flag follows the rule of docs/api.md; `relais-server desks --json` says the same.

#include "deskreport.h"
#include "fakedesk.h"
#include "serverharness.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Relais;
using namespace Relais::Test;

namespace {

const QString kPassword = QStringLiteral("correct horse battery staple");

QString iso(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

QJsonObject report(const QString &deskId, qint64 queue, const QString &oldest)
{
    QJsonObject o{{QStringLiteral("desk_id"), deskId},
                  {QStringLiteral("queue_depth"), queue},
                  {QStringLiteral("oldest_queued_at"),
                   oldest.isEmpty() ? QJsonValue() : QJsonValue(oldest)},
                  {QStringLiteral("app_version"), QStringLiteral("9.8.7")},
                  {QStringLiteral("numbers_left"), 412},
                  {QStringLiteral("epoch"), QJsonValue()},
                  {QStringLiteral("desk_time"), iso(QDateTime::currentDateTimeUtc())},
                  {QStringLiteral("host"), QString(QStringLiteral("guichet-") + deskId.left(4))}};
    return o;
}

} // namespace

class TestServerDesks : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();

    void reportStoredWithPushAndPull();
    void reportRefused_data();
    void reportRefused();
    void publishersApart();
    void lateFlag_data();
    void lateFlag();
    void neverReported_data();
    void neverReported();
    void cliDesksJson();

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    void addUser(const QString &name, const char *role, const char *publisher);
    // GET admin/desks as `token`, the desk `deskId` in it (or an empty object).
    QJsonObject deskSeenBy(const QByteArray &token, const QString &deskId,
                           QJsonObject *answer = nullptr);

    QString m_db;
    QString m_passwordFile;
    ServerProcess m_server;
    std::unique_ptr<Http> m_http;
    QByteArray m_clerk, m_super, m_admin, m_clerkEst, m_superEst;
    QString m_epoch;
    QString m_publication; // OUEST's title, whose cut-off the late flag uses
    QString m_cutoff;      // its cut-off, "HH:mm", a few minutes ago
};

void TestServerDesks::addUser(const QString &name, const char *role, const char *publisher)
{
    const CliResult r = runCli(
        {QStringLiteral("--db"), m_db, QStringLiteral("user"), QStringLiteral("add"), name,
         QStringLiteral("--role"), QString::fromLatin1(role), QStringLiteral("--publisher"),
         QString::fromLatin1(publisher), QStringLiteral("--password-file"), m_passwordFile});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
}

void TestServerDesks::initTestCase()
{
    QVERIFY2(QFile::exists(serverBinary()), qPrintable(serverBinary()));
    m_db = freshDatabaseUrl(QStringLiteral("relais_desks"));
    QVERIFY(!m_db.isEmpty());
    m_tmp = std::make_unique<QTemporaryDir>(); // lives as long as the suite, removed after it
    QTemporaryDir *dir = m_tmp.get();
    m_passwordFile = dir->filePath(QStringLiteral("password"));
    QFile f(m_passwordFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kPassword.toUtf8() + "\n");
    f.close();
    QCOMPARE(runCli({QStringLiteral("--db"), m_db, QStringLiteral("init")}).exitCode, 0);
    for (const char *code : {"OUEST", "EST"})
        QCOMPARE(runCli({QStringLiteral("--db"), m_db, QStringLiteral("publisher"),
                         QStringLiteral("add"), QString::fromLatin1(code), QStringLiteral("--name"),
                         QString::fromLatin1(code)})
                     .exitCode,
                 0);
    addUser(QStringLiteral("clerk"), "clerk", "OUEST");
    addUser(QStringLiteral("super"), "supervisor", "OUEST");
    addUser(QStringLiteral("admin"), "admin", "OUEST");
    addUser(QStringLiteral("clerk_est"), "clerk", "EST");
    addUser(QStringLiteral("super_est"), "supervisor", "EST");
    QVERIFY(m_server.start(m_db));
    m_http = std::make_unique<Http>(m_server.baseUrl());
    m_clerk = m_http->login(QStringLiteral("clerk"), kPassword);
    m_super = m_http->login(QStringLiteral("super"), kPassword);
    m_admin = m_http->login(QStringLiteral("admin"), kPassword);
    m_clerkEst = m_http->login(QStringLiteral("clerk_est"), kPassword);
    m_superEst = m_http->login(QStringLiteral("super_est"), kPassword);
    QVERIFY(!m_clerk.isEmpty() && !m_super.isEmpty() && !m_admin.isEmpty() && !m_clerkEst.isEmpty()
            && !m_superEst.isEmpty());
    m_epoch = m_http->get(QStringLiteral("/api/v1/health"))
                  .json.value(QStringLiteral("epoch"))
                  .toString();
    QVERIFY(!m_epoch.isEmpty());

    // OUEST's one title, issued every day, with a cut-off two minutes ago (server local time, as
    // the rule reads it; the server runs on this machine).
    m_cutoff = QDateTime::currentDateTime().addSecs(-120).toString(QStringLiteral("HH:mm"));
    FakeDesk desk;
    m_publication = uuid();
    QJsonObject row = publicationRow(QStringLiteral("OM"));
    row.insert(QStringLiteral("weekdays"), 254); // Monday to Sunday
    row.insert(QStringLiteral("cutoff"), m_cutoff);
    const Response r = m_http->postJson(QStringLiteral("/api/v1/sync/push"),
                                        desk.push(desk.op(QStringLiteral("publication.create"),
                                                          QStringLiteral("publication"),
                                                          m_publication, row)),
                                        m_clerk);
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(r.json.value(QStringLiteral("results"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("applied"));
}

QJsonObject TestServerDesks::deskSeenBy(const QByteArray &token, const QString &deskId,
                                        QJsonObject *answer)
{
    const Response r = m_http->get(QStringLiteral("/api/v1/admin/desks"), token);
    if (r.status != 200) {
        qWarning() << "admin/desks:" << r.status << r.body;
        return {};
    }
    if (answer)
        *answer = r.json;
    // The answer reads back as the desk reads it.
    if (auto parsed = Protocol::DesksAnswer::fromJson(r.json); !parsed)
        qWarning() << "admin/desks unreadable:" << parsed.error().fullText();
    for (const QJsonValue &v : r.json.value(QStringLiteral("desks")).toArray())
        if (v.toObject().value(QStringLiteral("desk_id")).toString() == deskId)
            return v.toObject();
    return {};
}

void TestServerDesks::reportStoredWithPushAndPull()
{
    FakeDesk desk;
    // Not reported, never synced: not a desk anyone has heard of yet.
    QVERIFY(deskSeenBy(m_super, desk.id()).isEmpty());

    const QString oldest = iso(QDateTime::currentDateTimeUtc().addSecs(-600));
    QJsonObject body = report(desk.id(), 3, oldest);
    body.insert(QStringLiteral("epoch"), m_epoch);
    // The desk's clock runs 90 seconds ahead of the server's.
    body.insert(QStringLiteral("desk_time"), iso(QDateTime::currentDateTimeUtc().addSecs(90)));
    Response r = m_http->postJson(QStringLiteral("/api/v1/sync/desk-status"), body, m_clerk);
    QVERIFY2(r.status == 204, r.body.constData());

    QJsonObject d = deskSeenBy(m_super, desk.id());
    QVERIFY(!d.isEmpty());
    QCOMPARE(d.value(QStringLiteral("queue_depth")).toInteger(), 3);
    QCOMPARE(d.value(QStringLiteral("oldest_queued_at")).toString(), oldest);
    QCOMPARE(d.value(QStringLiteral("numbers_left")).toInteger(), 412);
    QCOMPARE(d.value(QStringLiteral("app_version")).toString(), QStringLiteral("9.8.7"));
    QCOMPARE(d.value(QStringLiteral("epoch_seen")).toString(), m_epoch);
    QCOMPARE(d.value(QStringLiteral("epoch_current")).toBool(), true);
    QCOMPARE(d.value(QStringLiteral("user")).toString(), QStringLiteral("clerk"));
    QCOMPARE(d.value(QStringLiteral("host")).toString(),
             QStringLiteral("guichet-") + desk.id().left(4));
    const qint64 skew = d.value(QStringLiteral("clock_skew_seconds")).toInteger();
    QVERIFY2(skew >= 80 && skew <= 95, qPrintable(QString::number(skew)));
    QVERIFY(!d.value(QStringLiteral("reported_at")).toString().isEmpty());
    QVERIFY(d.value(QStringLiteral("last_push_at")).isNull());
    QVERIFY(d.value(QStringLiteral("last_pull_at")).isNull());

    // The same report again, then a newer one: one desk, the latest report.
    QCOMPARE(m_http->postJson(QStringLiteral("/api/v1/sync/desk-status"), body, m_clerk).status,
             204);
    body = report(desk.id(), 0, QString());
    body.insert(QStringLiteral("epoch"), QStringLiteral("an-epoch-of-before"));
    QCOMPARE(m_http->postJson(QStringLiteral("/api/v1/sync/desk-status"), body, m_clerk).status,
             204);
    QJsonObject all;
    d = deskSeenBy(m_super, desk.id(), &all);
    int copies = 0;
    for (const QJsonValue &v : all.value(QStringLiteral("desks")).toArray())
        copies += v.toObject().value(QStringLiteral("desk_id")).toString() == desk.id() ? 1 : 0;
    QCOMPARE(copies, 1);
    QCOMPARE(d.value(QStringLiteral("queue_depth")).toInteger(), 0);
    QVERIFY(d.value(QStringLiteral("oldest_queued_at")).isNull());
    QCOMPARE(d.value(QStringLiteral("epoch_current")).toBool(), false);

    // The server's own times of the desk's last push and pull.
    const QString before = iso(QDateTime::currentDateTimeUtc().addSecs(-1));
    r = m_http->postJson(QStringLiteral("/api/v1/sync/push"),
                         desk.push(
                             desk.op(QStringLiteral("publication.update"),
                                     QStringLiteral("publication"), m_publication,
                                     {{QStringLiteral("name"), QStringLiteral("Ouest Matin")}},
                                     {{QStringLiteral("name"),
                                       QStringLiteral("Le Quotidien OM")}})),
                         m_clerk);
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/sync/pull?since=0&desk_id=") + desk.id(), m_clerk)
                 .status,
             200);
    d = deskSeenBy(m_super, desk.id());
    QVERIFY2(d.value(QStringLiteral("last_push_at")).toString() >= before,
             qPrintable(d.value(QStringLiteral("last_push_at")).toString()));
    QVERIFY2(d.value(QStringLiteral("last_pull_at")).toString() >= before,
             qPrintable(d.value(QStringLiteral("last_pull_at")).toString()));
    // Admins see it too.
    QVERIFY(!deskSeenBy(m_admin, desk.id()).isEmpty());
}

void TestServerDesks::reportRefused_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("issue");
    QTest::newRow("unknown field")
        << QStringLiteral("mood") << QJsonValue(QStringLiteral("calm")) << QStringLiteral("mood");
    QTest::newRow("negative queue")
        << QStringLiteral("queue_depth") << QJsonValue(-1) << QStringLiteral("queue_depth");
    QTest::newRow("queue not a number")
        << QStringLiteral("queue_depth") << QJsonValue(QStringLiteral("3"))
        << QStringLiteral("queue_depth");
    QTest::newRow("no desk time") << QStringLiteral("desk_time")
                                  << QJsonValue(QJsonValue::Undefined)
                                  << QStringLiteral("desk_time");
    QTest::newRow("not a time") << QStringLiteral("oldest_queued_at")
                                << QJsonValue(QStringLiteral("yesterday"))
                                << QStringLiteral("oldest_queued_at");
    QTest::newRow("queued, no oldest")
        << QStringLiteral("oldest_queued_at") << QJsonValue(QJsonValue::Null)
        << QStringLiteral("oldest_queued_at");
    QTest::newRow("desk id not a uuid")
        << QStringLiteral("desk_id") << QJsonValue(QStringLiteral("desk-1"))
        << QStringLiteral("desk_id");
}

void TestServerDesks::reportRefused()
{
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    QFETCH(QString, issue);
    FakeDesk desk;
    QJsonObject body = report(desk.id(), 2, iso(QDateTime::currentDateTimeUtc()));
    if (value.isUndefined())
        body.remove(field);
    else
        body.insert(field, value);
    const Response r = m_http->postJson(QStringLiteral("/api/v1/sync/desk-status"), body, m_clerk);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.code(), QStringLiteral("request.invalid"));
    QVERIFY2(r.body.contains(issue.toUtf8()), r.body.constData());
    QVERIFY(deskSeenBy(m_super, desk.id()).isEmpty()); // nothing stored
}

void TestServerDesks::publishersApart()
{
    FakeDesk ouest, est;
    QCOMPARE(m_http
                 ->postJson(QStringLiteral("/api/v1/sync/desk-status"), report(ouest.id(), 0, {}),
                            m_clerk)
                 .status,
             204);
    QCOMPARE(m_http
                 ->postJson(QStringLiteral("/api/v1/sync/desk-status"), report(est.id(), 0, {}),
                            m_clerkEst)
                 .status,
             204);
    // Each supervisor sees their own publisher's desks, never the other's.
    QVERIFY(!deskSeenBy(m_super, ouest.id()).isEmpty());
    QVERIFY(deskSeenBy(m_super, est.id()).isEmpty());
    QVERIFY(!deskSeenBy(m_superEst, est.id()).isEmpty());
    QVERIFY(deskSeenBy(m_superEst, ouest.id()).isEmpty());
    // A report for another publisher's desk is refused, and changes nothing there.
    Response r = m_http->postJson(QStringLiteral("/api/v1/sync/desk-status"),
                                  report(ouest.id(), 5, iso(QDateTime::currentDateTimeUtc())),
                                  m_clerkEst);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.code(), QStringLiteral("desk.forbidden"));
    QCOMPARE(deskSeenBy(m_super, ouest.id()).value(QStringLiteral("queue_depth")).toInteger(), 0);
    // Clerks see no desks.
    for (const QByteArray &clerk : {m_clerk, m_clerkEst}) {
        r = m_http->get(QStringLiteral("/api/v1/admin/desks"), clerk);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.code(), QStringLiteral("role.insufficient"));
    }
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/admin/desks")).status, 401);
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/admin/desks?publisher=EST"), m_super).status, 400);
}

void TestServerDesks::lateFlag_data()
{
    // Times relative to now; the title's cut-off was two minutes ago (see initTestCase).
    QTest::addColumn<int>("queue");
    QTest::addColumn<int>("oldestSecondsAgo");
    QTest::addColumn<bool>("pushAfterCutoff");
    QTest::addColumn<bool>("late");
    QTest::newRow("queued before the cut-off, silent") << 4 << 3600 << false << true;
    QTest::newRow("queued after the cut-off") << 4 << 20 << false << false;
    QTest::newRow("queued before, pushed since") << 4 << 3600 << true << false;
    QTest::newRow("nothing queued") << 0 << 0 << false << false;
}

void TestServerDesks::lateFlag()
{
    QFETCH(int, queue);
    QFETCH(int, oldestSecondsAgo);
    QFETCH(bool, pushAfterCutoff);
    QFETCH(bool, late);
    FakeDesk desk;
    if (pushAfterCutoff) {
        // Any push counts: here the title's cut-off, sent as it is.
        const Response r = m_http->postJson(QStringLiteral("/api/v1/sync/push"),
                                            desk.push(
                                                desk.op(QStringLiteral("publication.update"),
                                                        QStringLiteral("publication"),
                                                        m_publication,
                                                        {{QStringLiteral("cutoff"), m_cutoff}},
                                                        {{QStringLiteral("cutoff"), m_cutoff}})),
                                            m_clerk);
        QVERIFY2(r.status == 200, r.body.constData());
    }
    const QString oldest = queue > 0
                               ? iso(QDateTime::currentDateTimeUtc().addSecs(-oldestSecondsAgo))
                               : QString();
    QCOMPARE(m_http
                 ->postJson(QStringLiteral("/api/v1/sync/desk-status"),
                            report(desk.id(), queue, oldest), m_clerk)
                 .status,
             204);
    QJsonObject answer;
    const QJsonObject d = deskSeenBy(m_super, desk.id(), &answer);
    QVERIFY(!d.isEmpty());
    const QString cutoff = answer.value(QStringLiteral("cutoff")).toString();
    QVERIFY2(!cutoff.isEmpty(), QJsonDocument(answer).toJson().constData());
    const QDateTime c = QDateTime::fromString(cutoff, Qt::ISODateWithMs);
    const qint64 ago = c.secsTo(QDateTime::currentDateTimeUtc());
    QVERIFY2(ago >= 60 && ago <= 300, qPrintable(cutoff)); // the title's, a few minutes ago
    QCOMPARE(d.value(QStringLiteral("late")).toBool(), late);
    // Another publisher, without titles, has no cut-off and no late desk.
    QJsonObject est;
    deskSeenBy(m_superEst, QString(), &est);
    QVERIFY(est.value(QStringLiteral("cutoff")).isNull());
    for (const QJsonValue &v : est.value(QStringLiteral("desks")).toArray())
        QVERIFY(!v.toObject().value(QStringLiteral("late")).toBool());
}

void TestServerDesks::neverReported_data()
{
    // A desk that leased numbers (which registers it) and never reported: listed, as never
    // reported; late when it registered before the title's cut-off (two minutes ago) and has been
    // silent since.
    QTest::addColumn<int>("registeredSecondsAgo");
    QTest::addColumn<bool>("pullAfterCutoff");
    QTest::addColumn<bool>("late");
    QTest::newRow("registered before the cut-off, silent") << 3600 << false << true;
    QTest::newRow("registered after the cut-off") << 0 << false << false;
    QTest::newRow("registered before, pulled since") << 3600 << true << false;
}

void TestServerDesks::neverReported()
{
    QFETCH(int, registeredSecondsAgo);
    QFETCH(bool, pullAfterCutoff);
    QFETCH(bool, late);
    FakeDesk desk;
    const Response r = m_http->postJson(QStringLiteral("/api/v1/numbers/lease"),
                                        QJsonObject{{QStringLiteral("desk_id"), desk.id()},
                                                    {QStringLiteral("count"), 10}},
                                        m_clerk);
    QVERIFY2(r.status == 200, r.body.constData());
    if (registeredSecondsAgo > 0)
        QVERIFY(
            execSql(m_db,
                    {QStringLiteral("UPDATE desks SET registered_at = '%1' WHERE id = '%2'")
                         .arg(iso(QDateTime::currentDateTimeUtc().addSecs(-registeredSecondsAgo)),
                              desk.id())}));
    if (pullAfterCutoff)
        QCOMPARE(m_http
                     ->get(QStringLiteral("/api/v1/sync/pull?since=0&desk_id=") + desk.id(),
                           m_clerk)
                     .status,
                 200);
    const QJsonObject d = deskSeenBy(m_super, desk.id());
    QVERIFY2(!d.isEmpty(), "a desk that registered and never reported is not listed");
    QVERIFY(d.value(QStringLiteral("reported_at")).isNull());
    QVERIFY(d.value(QStringLiteral("queue_depth")).isNull());
    QCOMPARE(d.value(QStringLiteral("user")).toString(), QStringLiteral("clerk"));
    QVERIFY(!d.value(QStringLiteral("registered_at")).toString().isEmpty());
    QCOMPARE(d.value(QStringLiteral("late")).toBool(), late);
    // The other publisher's supervisor does not see it.
    QVERIFY(deskSeenBy(m_superEst, desk.id()).isEmpty());
    // relais-server desks says so too.
    const CliResult c = runCli({QStringLiteral("--db"), m_db, QStringLiteral("desks"),
                                QStringLiteral("--publisher"), QStringLiteral("OUEST")});
    bool found = false;
    for (const QString &line : c.out.split(u'\n')) {
        if (!line.startsWith(desk.id()))
            continue;
        found = true;
        QVERIFY2(line.contains(QStringLiteral("never reported")), qPrintable(line));
        QCOMPARE(line.endsWith(QStringLiteral("LATE")), late);
    }
    QVERIFY2(found, qPrintable(c.out));
}

void TestServerDesks::cliDesksJson()
{
    FakeDesk late;
    QCOMPARE(m_http
                 ->postJson(QStringLiteral("/api/v1/sync/desk-status"),
                            report(late.id(), 7,
                                   iso(QDateTime::currentDateTimeUtc().addSecs(-7200))),
                            m_clerk)
                 .status,
             204);
    // Every publisher, as JSON; exit 4: a desk is late.
    CliResult r = runCli(
        {QStringLiteral("--db"), m_db, QStringLiteral("desks"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 4, qPrintable(r.err));
    const QJsonObject all = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QVERIFY(all.value(QStringLiteral("late")).toInteger() >= 1);
    QStringList codes;
    bool found = false;
    for (const QJsonValue &p : all.value(QStringLiteral("publishers")).toArray()) {
        codes << p.toObject().value(QStringLiteral("code")).toString();
        for (const QJsonValue &v : p.toObject().value(QStringLiteral("desks")).toArray()) {
            const QJsonObject d = v.toObject();
            if (d.value(QStringLiteral("desk_id")).toString() != late.id())
                continue;
            found = true;
            QCOMPARE(p.toObject().value(QStringLiteral("code")).toString(),
                     QStringLiteral("OUEST"));
            QCOMPARE(d.value(QStringLiteral("queue_depth")).toInteger(), 7);
            QCOMPARE(d.value(QStringLiteral("late")).toBool(), true);
        }
    }
    QVERIFY(found);
    codes.sort();
    QCOMPARE(codes, (QStringList{QStringLiteral("EST"), QStringLiteral("OUEST")}));

    // One publisher, as text: EST has no late desk (exit 0).
    r = runCli({QStringLiteral("--db"), m_db, QStringLiteral("desks"),
                QStringLiteral("--publisher"), QStringLiteral("EST")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.out.startsWith(QStringLiteral("publisher EST")));
    QVERIFY(!r.out.contains(late.id()));
    QVERIFY(!r.out.contains(QStringLiteral("LATE")));
    r = runCli({QStringLiteral("--db"), m_db, QStringLiteral("desks"),
                QStringLiteral("--publisher"), QStringLiteral("OUEST")});
    QCOMPARE(r.exitCode, 4);
    QVERIFY(r.out.contains(late.id()));
    QVERIFY(r.out.contains(QStringLiteral("LATE")));
    r = runCli({QStringLiteral("--db"), m_db, QStringLiteral("desks"),
                QStringLiteral("--publisher"), QStringLiteral("NORD")});
    QCOMPARE(r.exitCode, 3);
    r = runCli({QStringLiteral("--db"), m_db, QStringLiteral("desks"), QStringLiteral("--all")});
    QCOMPARE(r.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestServerDesks)
#include "tst_server_desks.moc"
