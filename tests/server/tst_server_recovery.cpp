// Backups, restores, epochs, bulk export/import and reseeds, against real relais-server processes
// on SQLite and (under run-with-postgres.sh) on PostgreSQL: the case Relais was born from, a
// central database put back from an older backup, must lose nothing a desk still holds.

#include "fakedesk.h"
#include "messages.h"
#include "serverharness.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

#include <zstd.h>

using namespace Relais::Test;

namespace {

// A server backup's text (zstd frames, format 2) changed by `edit` and compressed again: sound
// frames around a text that is no longer what was backed up.
template<typename Edit> QByteArray recompressed(const QByteArray &file, Edit edit)
{
    QByteArray text = backupText(file);
    edit(text);
    QByteArray packed(qsizetype(ZSTD_compressBound(size_t(text.size()))), Qt::Uninitialized);
    packed.resize(qsizetype(ZSTD_compress(packed.data(), size_t(packed.size()), text.constData(),
                                          size_t(text.size()), 3)));
    return packed;
}
const QString kPassword = QStringLiteral("correct horse battery staple");

QStringList dbArgs(const QString &db, const QStringList &rest)
{
    return QStringList{QStringLiteral("--db"), db} + rest;
}
} // namespace

class TestServerRecovery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void roles_data();
    void roles();
    void backupWithoutDirectory();
    void restoreAfterBackupStartsNewEpoch();
    void restoreLeavesOtherPublishersAlone();
    void restoreOlderThenRightBringsRowsBack();
    void restoreRefusesUnknownBackup_data();
    void restoreRefusesUnknownBackup();
    void bulkExportImportRoundTrip();
    void bulkImportAllOrNothing();
    void bulkStaysWithinThePublisher();
    void bulkImportBadRequests_data();
    void bulkImportBadRequests();
    void reseedOverHttp();
    void cliBackupRestoreIntoNewDatabase();
    void cliRestoreRefusesDamagedBackup_data();
    void cliRestoreRefusesDamagedBackup();
    void cliReseedFromDeskCopy();
    void cliVerifyGoodBackup();
    void cliOldFormatBackupStillRead();
    void cliRefusesBackupBreakingAUniqueRule();
    void scheduledBackupsRotate();
    void checksumsOfDeskAndServerAgree();
    void olderSchemaIsUpgraded();

private:
    struct Server
    {
        QString db;
        ServerProcess process;
        std::unique_ptr<Http> http;
        QByteArray clerk, supervisor, admin, clerkB, adminB;
    };
    // A database with publishers OUEST and EST and their users, served with a backup directory.
    bool makeServer(Server &s, const QString &name, bool withBackupDir = true);
    QJsonObject push(Server &s, const QJsonObject &body, const QByteArray &token);
    QJsonObject pull(Server &s, qint64 since, const QString &deskId, const QByteArray &token);
    // Every row of the caller's publisher, table -> id -> row (bulk/export, all pages).
    QHash<QString, QHash<QString, QJsonObject>> exportAll(Server &s, const QByteArray &token,
                                                          QJsonArray *importRows = nullptr);
    QString m_passwordFile;
    QTemporaryDir m_dir;
    Server m_main;
    qint64 m_number = 5000;
};

bool TestServerRecovery::makeServer(Server &s, const QString &name, bool withBackupDir)
{
    s.db = freshDatabaseUrl(name);
    if (s.db.isEmpty())
        return false;
    if (runCli(dbArgs(s.db, {QStringLiteral("init")})).exitCode != 0)
        return false;
    for (const char *code : {"OUEST", "EST"})
        if (runCli(dbArgs(s.db, {QStringLiteral("publisher"), QStringLiteral("add"),
                                 QString::fromLatin1(code), QStringLiteral("--name"),
                                 QString::fromLatin1(code)}))
                .exitCode
            != 0)
            return false;
    for (const auto &[user, role, pub] :
         {std::tuple{"clerk", "clerk", "OUEST"}, std::tuple{"super", "supervisor", "OUEST"},
          std::tuple{"admin", "admin", "OUEST"}, std::tuple{"clerk_b", "clerk", "EST"},
          std::tuple{"admin_b", "admin", "EST"}}) {
        const CliResult r = runCli(
            dbArgs(s.db, {QStringLiteral("user"), QStringLiteral("add"), QString::fromLatin1(user),
                          QStringLiteral("--role"), QString::fromLatin1(role),
                          QStringLiteral("--publisher"), QString::fromLatin1(pub),
                          QStringLiteral("--password-file"), m_passwordFile}));
        if (r.exitCode != 0) {
            qWarning() << r.err;
            return false;
        }
    }
    QStringList extra;
    if (withBackupDir) {
        const QString dir = m_dir.filePath(name + QStringLiteral("-backups"));
        QDir().mkpath(dir);
        extra << QStringLiteral("--backup-dir") << dir;
    }
    if (!s.process.start(s.db, extra))
        return false;
    s.http = std::make_unique<Http>(s.process.baseUrl());
    s.clerk = s.http->login(QStringLiteral("clerk"), kPassword);
    s.supervisor = s.http->login(QStringLiteral("super"), kPassword);
    s.admin = s.http->login(QStringLiteral("admin"), kPassword);
    s.clerkB = s.http->login(QStringLiteral("clerk_b"), kPassword);
    s.adminB = s.http->login(QStringLiteral("admin_b"), kPassword);
    return !s.clerk.isEmpty() && !s.supervisor.isEmpty() && !s.admin.isEmpty()
           && !s.clerkB.isEmpty() && !s.adminB.isEmpty();
}

void TestServerRecovery::initTestCase()
{
    QVERIFY2(QFile::exists(serverBinary()), qPrintable(serverBinary()));
    QVERIFY(m_dir.isValid());
    m_passwordFile = m_dir.filePath(QStringLiteral("password"));
    QFile f(m_passwordFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kPassword.toUtf8() + "\n");
    f.close();
    QVERIFY(makeServer(m_main, QStringLiteral("relais_recovery")));
}

void TestServerRecovery::cleanupTestCase()
{
    m_main.http.reset();
    m_main.process.stop();
}

QJsonObject TestServerRecovery::push(Server &s, const QJsonObject &body, const QByteArray &token)
{
    const Response r = s.http->postJson(QStringLiteral("/api/v1/sync/push"), body, token);
    if (r.status != 200)
        qWarning() << "push failed:" << r.status << r.body;
    return r.status == 200 ? r.json : QJsonObject();
}

QJsonObject TestServerRecovery::pull(Server &s, qint64 since, const QString &deskId,
                                     const QByteArray &token)
{
    const Response r = s.http->get(QStringLiteral("/api/v1/sync/pull?since=%1&limit=5000%2")
                                       .arg(since)
                                       .arg(deskId.isEmpty()
                                                ? QString()
                                                : QStringLiteral("&desk_id=") + deskId),
                                   token);
    if (r.status != 200)
        qWarning() << "pull failed:" << r.status << r.body;
    // Every page, restored states and tombstones included, must be one the desk's reader takes.
    if (const auto read = Relais::Protocol::PullAnswer::fromJson(r.json);
        r.status == 200 && !read) {
        qWarning() << "pull answer refused by PullAnswer::fromJson:" << read.error().fullText();
        return {};
    }
    return r.json;
}

QHash<QString, QHash<QString, QJsonObject>> TestServerRecovery::exportAll(Server &s,
                                                                          const QByteArray &token,
                                                                          QJsonArray *importRows)
{
    QHash<QString, QHash<QString, QJsonObject>> out;
    QString table, after;
    for (int page = 0; page < 1000; ++page) {
        QString path = QStringLiteral("/api/v1/bulk/export?limit=3");
        if (!table.isEmpty())
            path += QStringLiteral("&table=") + table;
        if (!after.isEmpty())
            path += QStringLiteral("&after=") + after;
        const Response r = s.http->get(path, token);
        if (r.status != 200) {
            qWarning() << "export failed:" << r.status << r.body;
            return {};
        }
        for (const QJsonValue &v : r.json.value(QStringLiteral("rows")).toArray()) {
            const QJsonObject o = v.toObject();
            const QJsonObject row = o.value(QStringLiteral("row")).toObject();
            out[o.value(QStringLiteral("entity")).toString()]
                .insert(row.value(QStringLiteral("id")).toString(), row);
            if (importRows)
                importRows->append(o);
        }
        const QJsonValue next = r.json.value(QStringLiteral("next"));
        if (next.isNull())
            return out;
        table = next.toObject().value(QStringLiteral("table")).toString();
        after = next.toObject().value(QStringLiteral("after")).toString();
    }
    qWarning() << "export never ended";
    return {};
}

void TestServerRecovery::roles_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("who");
    QTest::addColumn<int>("status");
    const QString exportPath = QStringLiteral("/api/v1/bulk/export");
    for (const char *who : {"clerk", "supervisor", "admin"}) {
        const QString w = QString::fromLatin1(who);
        const bool supervisor = w != u"clerk";
        const bool admin = w == u"admin";
        QTest::addRow("GET bulk/export as %s", who)
            << QByteArray("GET") << exportPath << w << (supervisor ? 200 : 403);
        QTest::addRow("POST bulk/import as %s", who)
            << QByteArray("POST") << QStringLiteral("/api/v1/bulk/import") << w
            << (supervisor ? 400 : 403); // empty body: past the role check
        QTest::addRow("GET admin/backups as %s", who)
            << QByteArray("GET") << QStringLiteral("/api/v1/admin/backups") << w
            << (admin ? 200 : 403);
        QTest::addRow("POST admin/restore as %s", who)
            << QByteArray("POST") << QStringLiteral("/api/v1/admin/restore") << w
            << (admin ? 400 : 403);
        QTest::addRow("POST admin/reseed as %s", who)
            << QByteArray("POST") << QStringLiteral("/api/v1/admin/reseed") << w
            << (admin ? 400 : 403);
    }
}

void TestServerRecovery::roles()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, who);
    QFETCH(int, status);
    const QByteArray token = who == u"clerk"        ? m_main.clerk
                             : who == u"supervisor" ? m_main.supervisor
                                                    : m_main.admin;
    const Response r = method == "GET" ? m_main.http->get(path, token)
                                       : m_main.http->post(path, QByteArray(), token);
    QCOMPARE(r.status, status);
    if (status == 403)
        QCOMPARE(r.code(), QStringLiteral("role.insufficient"));
    // No token at all: 401 on every one of them.
    const Response anonymous = method == "GET" ? m_main.http->get(path)
                                               : m_main.http->post(path, QByteArray());
    QCOMPARE(anonymous.status, 401);
}

void TestServerRecovery::backupWithoutDirectory()
{
    Server bare;
    QVERIFY(makeServer(bare, QStringLiteral("relais_recovery_nodir"), false));
    const Response r = bare.http->post(QStringLiteral("/api/v1/admin/backup"), QByteArray(),
                                       bare.admin);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.code(), QStringLiteral("backup.unconfigured"));
    // A body is refused, whatever it says (no path ever comes from a request).
    const Response withBody = m_main.http->post(QStringLiteral("/api/v1/admin/backup"),
                                                R"({"path":"/etc/passwd"})", m_main.admin);
    QCOMPARE(withBody.status, 400);
}

void TestServerRecovery::restoreAfterBackupStartsNewEpoch()
{
    Server &s = m_main;
    FakeDesk desk;
    const QString pub = uuid(), offer = uuid(), kept = uuid(), changed = uuid(), late = uuid();
    // Before the backup: a title, an offer and two subscribers (operations 1-4), one with an INSEE code.
    QJsonObject ancien = subscriberRow(++m_number, QStringLiteral("Ancien"));
    ancien.insert(QStringLiteral("insee_code"), QStringLiteral("75102"));
    QJsonObject out = push(
        s,
        desk.push(
            QJsonArray{desk.op(QStringLiteral("publication.create"), QStringLiteral("publication"),
                               pub, publicationRow(QStringLiteral("EPOCH"))),
                       desk.op(QStringLiteral("offer.create"), QStringLiteral("offer"), offer,
                               offerRow(pub, QStringLiteral("EPOCH-1AN"))),
                       desk.op(QStringLiteral("subscriber.create"), QStringLiteral("subscriber"),
                               kept, subscriberRow(++m_number, QStringLiteral("Avant"))),
                       desk.op(QStringLiteral("subscriber.create"), QStringLiteral("subscriber"),
                               changed, ancien)}),
        s.clerk);
    QCOMPARE(out.value(QStringLiteral("last_seq")).toInteger(), 4);
    const QString epochBefore = out.value(QStringLiteral("epoch")).toString();
    QCOMPARE(out.value(QStringLiteral("backup_seq")).toInteger(), 0);

    const Response b = s.http->post(QStringLiteral("/api/v1/admin/backup"), QByteArray(), s.admin);
    QCOMPARE(b.status, 201);
    const QString backupName = b.json.value(QStringLiteral("name")).toString();
    QVERIFY(backupName.endsWith(QStringLiteral(".backup")));
    QVERIFY(!b.json.value(QStringLiteral("verified_at")).toString().isEmpty());
    QCOMPARE(b.json.value(QStringLiteral("sha256")).toString().size(), 64);
    const Response list = s.http->get(QStringLiteral("/api/v1/admin/backups"), s.admin);
    QCOMPARE(list.status, 200);
    bool listed = false;
    for (const QJsonValue &v : list.json.value(QStringLiteral("backups")).toArray())
        listed = listed || v.toObject().value(QStringLiteral("name")).toString() == backupName;
    QVERIFY(listed);

    // After the backup: operations 5-6 (a new subscriber, a changed name). The desk now learns
    // that 1-4 are inside a verified backup.
    const QJsonObject late5 = desk.op(QStringLiteral("subscriber.create"),
                                      QStringLiteral("subscriber"), late,
                                      subscriberRow(++m_number, QStringLiteral("Apres")));
    const QJsonObject change6 = desk.op(QStringLiteral("subscriber.update"),
                                        QStringLiteral("subscriber"), changed,
                                        {{QStringLiteral("last_name"), QStringLiteral("Nouveau")}},
                                        {{QStringLiteral("last_name"), QStringLiteral("Ancien")}});
    out = push(s, desk.push(QJsonArray{late5, change6}), s.clerk);
    QCOMPARE(out.value(QStringLiteral("last_seq")).toInteger(), 6);
    QCOMPARE(out.value(QStringLiteral("backup_seq")).toInteger(), 4);
    const QJsonObject before = pull(s, 0, desk.id(), s.clerk);
    QCOMPARE(before.value(QStringLiteral("desk_backup_seq")).toInteger(), 4);
    QCOMPARE(before.value(QStringLiteral("epoch_start")).toInteger(-1), 0); // never restored
    const qint64 headBefore = before.value(QStringLiteral("head")).toInteger();
    const auto stateBefore = exportAll(s, s.supervisor);
    QCOMPARE(stateBefore.value(QStringLiteral("subscriber"))
                 .value(changed)
                 .value(QStringLiteral("last_name"))
                 .toString(),
             QStringLiteral("Nouveau"));

    // The restore: a new epoch, the server back to operation 4 of this desk.
    const Response r = s.http->postJson(QStringLiteral("/api/v1/admin/restore"),
                                        {{QStringLiteral("backup"), backupName}}, s.admin);
    QCOMPARE(r.status, 200);
    const QString epochAfter = r.json.value(QStringLiteral("epoch")).toString();
    QVERIFY(!epochAfter.isEmpty());
    QVERIFY(epochAfter != epochBefore);
    QCOMPARE(r.json.value(QStringLiteral("announced")).toInteger(),
             2); // `changed` went back, `late` is gone
    // The new epoch continues the same sequence: desks keep their cursors.
    QCOMPARE(r.json.value(QStringLiteral("epoch_start")).toInteger(), headBefore);

    const QJsonObject after = pull(s, headBefore, desk.id(), s.clerk);
    QCOMPARE(after.value(QStringLiteral("epoch")).toString(), epochAfter);
    QCOMPARE(after.value(QStringLiteral("desk_last_seq")).toInteger(), 4);
    QCOMPARE(after.value(QStringLiteral("desk_backup_seq")).toInteger(), 4);
    QCOMPARE(after.value(QStringLiteral("epoch_start")).toInteger(), headBefore);
    QVERIFY(after.value(QStringLiteral("head")).toInteger() > headBefore);
    // Desks that pulled the lost changes hear that they are gone: the old name back, a tombstone.
    QHash<QString, QJsonObject> announced;
    for (const QJsonValue &v : after.value(QStringLiteral("changes")).toArray())
        announced.insert(v.toObject().value(QStringLiteral("id")).toString(),
                         v.toObject().value(QStringLiteral("row")).toObject());
    QCOMPARE(announced.size(), 2);
    QCOMPARE(announced.value(changed).value(QStringLiteral("last_name")).toString(),
             QStringLiteral("Ancien"));
    QCOMPARE(announced.value(late).value(QStringLiteral("deleted")).toInteger(), 1);
    QCOMPARE(announced.value(changed).value(QStringLiteral("insee_code")).toString(),
             QStringLiteral("75102"));
    const auto restored = exportAll(s, s.supervisor);
    // The INSEE code went through the backup file and back.
    QCOMPARE(restored.value(QStringLiteral("subscriber"))
                 .value(changed)
                 .value(QStringLiteral("insee_code"))
                 .toString(),
             QStringLiteral("75102"));
    QVERIFY(!restored.value(QStringLiteral("subscriber")).contains(late));
    QVERIFY(restored.value(QStringLiteral("subscriber")).contains(kept));

    // A gap is still refused; the desk sends again what the server lost, from 5: applied once.
    const QJsonObject gap = push(s, desk.push(QJsonArray{change6}), s.clerk);
    QVERIFY(gap.isEmpty()); // 409 sync.gap
    out = push(s, desk.push(QJsonArray{late5, change6}), s.clerk);
    QCOMPARE(out.value(QStringLiteral("last_seq")).toInteger(), 6);
    QCOMPARE(out.value(QStringLiteral("epoch")).toString(), epochAfter);
    for (const QJsonValue &v : out.value(QStringLiteral("results")).toArray()) {
        QCOMPARE(v.toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("applied"));
        QVERIFY(!v.toObject().value(QStringLiteral("repeated")).toBool());
    }
    out = push(s, desk.push(QJsonArray{late5, change6}), s.clerk);
    for (const QJsonValue &v : out.value(QStringLiteral("results")).toArray())
        QVERIFY(v.toObject().value(QStringLiteral("repeated")).toBool());
    // Nothing acknowledged was lost: the data is what it was before the restore.
    const auto again = exportAll(s, s.supervisor);
    for (const QString &table : stateBefore.keys()) {
        QCOMPARE(again.value(table).keys().size(), stateBefore.value(table).keys().size());
        for (auto it = stateBefore.value(table).cbegin(); it != stateBefore.value(table).cend();
             ++it) {
            QJsonObject a = it.value(), c = again.value(table).value(it.key());
            for (const char *meta : {"rev", "updated_at", "updated_by"}) {
                a.remove(QString::fromLatin1(meta));
                c.remove(QString::fromLatin1(meta));
            }
            QCOMPARE(c, a);
        }
    }
}

void TestServerRecovery::restoreLeavesOtherPublishersAlone()
{
    Server &s = m_main;
    const Response b = s.http->post(QStringLiteral("/api/v1/admin/backup"), QByteArray(), s.admin);
    QCOMPARE(b.status, 201);
    // Publisher EST works on after the backup.
    FakeDesk deskB;
    const QString sub = uuid();
    const QJsonObject out = push(s,
                                 deskB.push(
                                     deskB.op(QStringLiteral("subscriber.create"),
                                              QStringLiteral("subscriber"), sub,
                                              subscriberRow(++m_number, QStringLiteral("Est")))),
                                 s.clerkB);
    QCOMPARE(out.value(QStringLiteral("last_seq")).toInteger(), 1);
    // OUEST's admin restores OUEST: EST keeps its new subscriber and its desk's record.
    const Response r = s.http->postJson(QStringLiteral("/api/v1/admin/restore"),
                                        {{QStringLiteral("backup"),
                                          b.json.value(QStringLiteral("name")).toString()}},
                                        s.admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("announced")).toInteger(), 0);
    const QJsonObject p = pull(s, 0, deskB.id(), s.clerkB);
    QCOMPARE(p.value(QStringLiteral("desk_last_seq")).toInteger(), 1);
    bool found = false;
    for (const QJsonValue &v : p.value(QStringLiteral("changes")).toArray())
        found = found || v.toObject().value(QStringLiteral("id")).toString() == sub;
    QVERIFY(found);
    // OUEST's admin backed up OUEST only: EST's admin does not see that backup, let alone restore
    // from it, and EST's rows are where they were.
    const Response rb = s.http->postJson(QStringLiteral("/api/v1/admin/restore"),
                                         {{QStringLiteral("backup"),
                                           b.json.value(QStringLiteral("name")).toString()}},
                                         s.adminB);
    QCOMPARE(rb.status, 404);
    QCOMPARE(rb.code(), QStringLiteral("backup.unknown"));
    const QJsonObject pb = pull(s, 0, deskB.id(), s.clerkB);
    QCOMPARE(pb.value(QStringLiteral("desk_last_seq")).toInteger(), 1);
    const auto estRows = exportAll(s, s.adminB);
    QVERIFY(estRows.value(QStringLiteral("subscriber")).contains(sub));
}

void TestServerRecovery::restoreRefusesUnknownBackup_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("unknown name") << QByteArray(
        R"({"backup":"relais-19990101-000000-deadbeef.backup"})")
                                  << 404 << QStringLiteral("backup.unknown");
    QTest::newRow("a path") << QByteArray(R"({"backup":"../../etc/passwd"})") << 404
                            << QStringLiteral("backup.unknown");
    QTest::newRow("absolute path")
        << QByteArray(R"({"backup":"/tmp/x.backup"})") << 404 << QStringLiteral("backup.unknown");
    QTest::newRow("no name") << QByteArray("{}") << 400 << QStringLiteral("request.invalid");
    QTest::newRow("wrong type") << QByteArray(R"({"backup":12})") << 400
                                << QStringLiteral("request.invalid");
    QTest::newRow("unknown field") << QByteArray(R"({"backup":"x","publisher":"EST"})") << 400
                                   << QStringLiteral("request.invalid");
    QTest::newRow("not json") << QByteArray("{backup") << 400 << QStringLiteral("json.malformed");
}

void TestServerRecovery::restoreRefusesUnknownBackup()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    const QString epoch = m_main.http->get(QStringLiteral("/api/v1/health"))
                              .json.value(QStringLiteral("epoch"))
                              .toString();
    const Response r = m_main.http->post(QStringLiteral("/api/v1/admin/restore"), body,
                                         m_main.admin);
    QCOMPARE(r.status, status);
    QCOMPARE(r.code(), code);
    QCOMPARE(r.contentType, QByteArray("application/problem+json"));
    QCOMPARE(m_main.http->get(QStringLiteral("/api/v1/health"))
                 .json.value(QStringLiteral("epoch"))
                 .toString(),
             epoch);
}

void TestServerRecovery::bulkExportImportRoundTrip()
{
    // Publisher OUEST moves to another server: its export, imported there, gives the same rows.
    Server &s = m_main;
    FakeDesk desk;
    const QString pub = uuid(), offer = uuid(), subscriber = uuid(), subscription = uuid();
    push(s,
         desk.push(
             QJsonArray{desk.op(QStringLiteral("publication.create"), QStringLiteral("publication"),
                                pub, publicationRow(QStringLiteral("MOVE"))),
                        desk.op(QStringLiteral("offer.create"), QStringLiteral("offer"), offer,
                                offerRow(pub, QStringLiteral("MOVE-1AN"))),
                        desk.op(QStringLiteral("subscriber.create"), QStringLiteral("subscriber"),
                                subscriber, subscriberRow(++m_number, QStringLiteral("Demenage"))),
                        desk.op(QStringLiteral("subscription.create"),
                                QStringLiteral("subscription"), subscription,
                                subscriptionRow(subscriber, offer, pub)),
                        desk.op(QStringLiteral("delivery_change.create"),
                                QStringLiteral("delivery_change"), uuid(),
                                holdRow(subscription, QStringLiteral("2026-07-01"),
                                        QStringLiteral("2026-07-15")))}),
         s.clerk);
    QJsonArray rows;
    const auto source = exportAll(s, s.supervisor, &rows);
    QVERIFY(source.value(QStringLiteral("subscription")).contains(subscription));
    QVERIFY(!source.contains(QStringLiteral("publisher")));

    Server target;
    QVERIFY(makeServer(target, QStringLiteral("relais_recovery_target")));
    const QString importId = uuid();
    const QJsonObject body{{QStringLiteral("import_id"), importId}, {QStringLiteral("rows"), rows}};
    Response r = target.http->postJson(QStringLiteral("/api/v1/bulk/import"), body,
                                       target.supervisor);
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(r.json.value(QStringLiteral("applied")).toBool(), true);
    QCOMPARE(r.json.value(QStringLiteral("created")).toInteger(), rows.size());
    const auto copy = exportAll(target, target.supervisor);
    QCOMPARE(copy.keys().size(), source.keys().size());
    for (const QString &table : source.keys()) {
        QCOMPARE(copy.value(table).size(), source.value(table).size());
        for (auto it = source.value(table).cbegin(); it != source.value(table).cend(); ++it) {
            QJsonObject a = it.value(), c = copy.value(table).value(it.key());
            for (const char *meta : {"rev", "updated_at", "updated_by", "publisher_id"}) {
                a.remove(QString::fromLatin1(meta));
                c.remove(QString::fromLatin1(meta));
            }
            QCOMPARE(c, a);
        }
    }
    // The rows reach the target's desks through the change sequence.
    QCOMPARE(pull(target, 0, QString(), target.clerk)
                 .value(QStringLiteral("changes"))
                 .toArray()
                 .size(),
             rows.size());
    // The same import again: applied once.
    const qint64
        head = pull(target, 0, QString(), target.clerk).value(QStringLiteral("head")).toInteger();
    r = target.http->postJson(QStringLiteral("/api/v1/bulk/import"), body, target.supervisor);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("created")).toInteger(), 0);
    QCOMPARE(r.json.value(QStringLiteral("repeated")).toInteger(), rows.size());
    QCOMPARE(pull(target, 0, QString(), target.clerk).value(QStringLiteral("head")).toInteger(),
             head);
    // The other publisher of the target sees none of it.
    QCOMPARE(pull(target, 0, QString(), target.clerkB)
                 .value(QStringLiteral("changes"))
                 .toArray()
                 .size(),
             0);
}

void TestServerRecovery::bulkImportAllOrNothing()
{
    Server &s = m_main;
    const qint64 head = pull(s, 0, QString(), s.clerk).value(QStringLiteral("head")).toInteger();
    const QString pub = uuid();
    QJsonObject badSubscriber = subscriberRow(++m_number, QStringLiteral("Faux"));
    badSubscriber.insert(QStringLiteral("id"), uuid());
    badSubscriber.insert(QStringLiteral("postal_code"), QStringLiteral("7500")); // four digits
    QJsonObject goodSubscriber = subscriberRow(++m_number, QStringLiteral("Juste"));
    goodSubscriber.insert(QStringLiteral("id"), uuid());
    QJsonObject publication = publicationRow(QStringLiteral("ALLORNOT"));
    publication.insert(QStringLiteral("id"), pub);
    const QJsonArray rows{QJsonObject{{QStringLiteral("entity"), QStringLiteral("publication")},
                                      {QStringLiteral("row"), publication}},
                          QJsonObject{{QStringLiteral("entity"), QStringLiteral("subscriber")},
                                      {QStringLiteral("row"), goodSubscriber}},
                          QJsonObject{{QStringLiteral("entity"), QStringLiteral("subscriber")},
                                      {QStringLiteral("row"), badSubscriber}}};
    Response r = s.http->postJson(QStringLiteral("/api/v1/bulk/import"),
                                  {{QStringLiteral("import_id"), uuid()},
                                   {QStringLiteral("rows"), rows}},
                                  s.supervisor);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.code(), QStringLiteral("import.refused"));
    QCOMPARE(r.json.value(QStringLiteral("applied")).toBool(true), false);
    const QJsonArray refused = r.json.value(QStringLiteral("refused")).toArray();
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.at(0).toObject().value(QStringLiteral("line")).toInt(), 3);
    QVERIFY2(QJsonDocument(refused).toJson().contains("postal_code"),
             QJsonDocument(refused).toJson().constData());
    QCOMPARE(pull(s, 0, QString(), s.clerk).value(QStringLiteral("head")).toInteger(), head);
    QVERIFY(!exportAll(s, s.supervisor).value(QStringLiteral("publication")).contains(pub));

    // A dry run of the good rows says what would happen and writes nothing.
    const QJsonArray good{rows.at(0), rows.at(1)};
    const QString importId = uuid();
    r = s.http->postJson(QStringLiteral("/api/v1/bulk/import"),
                         {{QStringLiteral("import_id"), importId},
                          {QStringLiteral("dry_run"), true},
                          {QStringLiteral("rows"), good}},
                         s.supervisor);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("applied")).toBool(true), false);
    QCOMPARE(r.json.value(QStringLiteral("created")).toInteger(), 2);
    QCOMPARE(pull(s, 0, QString(), s.clerk).value(QStringLiteral("head")).toInteger(), head);
    // For real, under the same import id (a dry run leaves no trace).
    r = s.http->postJson(QStringLiteral("/api/v1/bulk/import"),
                         {{QStringLiteral("import_id"), importId}, {QStringLiteral("rows"), good}},
                         s.supervisor);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("created")).toInteger(), 2);
    QCOMPARE(pull(s, 0, QString(), s.clerk).value(QStringLiteral("head")).toInteger(), head + 2);
}

void TestServerRecovery::bulkStaysWithinThePublisher()
{
    // EST has a title and a subscriber; OUEST's supervisor can neither see nor touch them in bulk.
    Server &s = m_main;
    FakeDesk deskB;
    const QString pubB = uuid(), subB = uuid();
    QVERIFY(
        !push(s,
              deskB.push(QJsonArray{deskB.op(QStringLiteral("publication.create"),
                                             QStringLiteral("publication"), pubB,
                                             publicationRow(QStringLiteral("ESTBULK"))),
                                    deskB.op(QStringLiteral("subscriber.create"),
                                             QStringLiteral("subscriber"), subB,
                                             subscriberRow(++m_number, QStringLiteral("Est")))}),
              s.clerkB)
             .isEmpty());
    const auto seen = exportAll(s, s.supervisor);
    QVERIFY(!seen.value(QStringLiteral("publication")).contains(pubB));
    QVERIFY(!seen.value(QStringLiteral("subscriber")).contains(subB));
    for (const auto &rows : seen)
        for (const QJsonObject &row : rows)
            QVERIFY(row.value(QStringLiteral("last_name")).toString() != u"Est");

    // Importing under EST's ids, or pointing at EST's title, is refused and writes nothing.
    const qint64 headA = pull(s, 0, QString(), s.clerk).value(QStringLiteral("head")).toInteger();
    QJsonObject sameId = subscriberRow(++m_number, QStringLiteral("Vol"));
    sameId.insert(QStringLiteral("id"), subB);
    QJsonObject offer = offerRow(pubB, QStringLiteral("ESTBULK-1AN"));
    offer.insert(QStringLiteral("id"), uuid());
    const Response r = s.http->postJson(QStringLiteral("/api/v1/bulk/import"),
                                        {{QStringLiteral("import_id"), uuid()},
                                         {QStringLiteral("rows"),
                                          QJsonArray{QJsonObject{{QStringLiteral("entity"),
                                                                  QStringLiteral("subscriber")},
                                                                 {QStringLiteral("row"), sameId}},
                                                     QJsonObject{{QStringLiteral("entity"),
                                                                  QStringLiteral("offer")},
                                                                 {QStringLiteral("row"), offer}}}}},
                                        s.supervisor);
    QCOMPARE(r.status, 422);
    const QJsonArray refused = r.json.value(QStringLiteral("refused")).toArray();
    QCOMPARE(refused.size(), 2);
    QCOMPARE(refused.at(0).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("record.exists"));
    QVERIFY2(QJsonDocument(refused.at(1).toObject()).toJson().contains("reference.unknown"),
             QJsonDocument(refused.at(1).toObject()).toJson().constData());
    QCOMPARE(pull(s, 0, QString(), s.clerk).value(QStringLiteral("head")).toInteger(), headA);
    // EST's row is as EST wrote it.
    bool intact = false;
    for (const QJsonValue &v :
         pull(s, 0, QString(), s.clerkB).value(QStringLiteral("changes")).toArray())
        if (v.toObject().value(QStringLiteral("id")).toString() == subB)
            intact = v.toObject()
                         .value(QStringLiteral("row"))
                         .toObject()
                         .value(QStringLiteral("last_name"))
                         .toString()
                     == u"Est";
    QVERIFY(intact);
}

void TestServerRecovery::bulkImportBadRequests_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    const QByteArray id = uuid().toLatin1();
    QTest::newRow("not json") << QByteArray("{\"rows\":") << QString();
    QTest::newRow("no import id") << QByteArray(R"({"rows":[]})") << QStringLiteral("import_id");
    QTest::newRow("import id not a uuid")
        << QByteArray(R"({"import_id":"x","rows":[{}]})") << QStringLiteral("import_id");
    QTest::newRow("no rows") << QByteArray(R"({"import_id":")" + id + R"("})")
                             << QStringLiteral("rows");
    QTest::newRow("empty rows") << QByteArray(R"({"import_id":")" + id + R"(","rows":[]})")
                                << QStringLiteral("rows");
    QTest::newRow("unknown field")
        << QByteArray(R"({"import_id":")" + id + R"(","rows":[],"force":true})")
        << QStringLiteral("force");
    QTest::newRow("publisher rows")
        << QByteArray(R"({"import_id":")" + id + R"(","rows":[{"entity":"publisher","row":{"id":")"
                      + id + R"("}}]})")
        << QStringLiteral("rows[0].entity");
    QTest::newRow("unknown table") << QByteArray(
        R"({"import_id":")" + id + R"(","rows":[{"entity":"users","row":{"id":")" + id + R"("}}]})")
                                   << QStringLiteral("rows[0].entity");
    QTest::newRow("row without id") << QByteArray(
        R"({"import_id":")" + id + R"(","rows":[{"entity":"publication","row":{"code":"X"}}]})")
                                    << QStringLiteral("rows[0].row.id");
    QTest::newRow("unknown column") << QByteArray(
        R"({"import_id":")" + id + R"(","rows":[{"entity":"publication","row":{"id":")" + id
        + R"(","colour":"red"}}]})") << QStringLiteral("rows[0].row.colour");
    QTest::newRow("wrong type") << QByteArray(R"({"import_id":")" + id
                                              + R"(","rows":[{"entity":"publication","row":{"id":")"
                                              + id + R"(","weekdays":"lundi"}}]})")
                                << QStringLiteral("rows[0].row.weekdays");
    {
        QByteArray many = R"({"import_id":")" + id + R"(","rows":[)";
        for (int i = 0; i <= 20000; ++i)
            many += (i ? "," : "") + QByteArray(R"({"entity":"publication","row":{"id":")") + id
                    + R"("}})";
        many += "]}";
        QTest::newRow("too many rows") << many << QStringLiteral("rows.too_many");
    }
    QTest::newRow("huge number") << QByteArray(
        R"({"import_id":")" + id + R"(","rows":[{"entity":"publication","row":{"id":")" + id
        + R"(","weekdays":1e300}}]})")
                                 << QStringLiteral("rows[0].row.weekdays");
}

void TestServerRecovery::bulkImportBadRequests()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    const qint64
        head = pull(m_main, 0, QString(), m_main.clerk).value(QStringLiteral("head")).toInteger();
    const Response r = m_main.http->post(QStringLiteral("/api/v1/bulk/import"), body,
                                         m_main.supervisor);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.contentType, QByteArray("application/problem+json"));
    if (!field.isEmpty())
        QVERIFY2(r.body.contains(field.toUtf8()), r.body.constData());
    QCOMPARE(pull(m_main, 0, QString(), m_main.clerk).value(QStringLiteral("head")).toInteger(),
             head);
}

void TestServerRecovery::reseedOverHttp()
{
    // The server lost OUEST with no backup; a desk still holds everything, up to its operation 42.
    QJsonArray rows;
    const auto source = exportAll(m_main, m_main.supervisor, &rows);
    QVERIFY(rows.size() > 5);
    Server fresh;
    QVERIFY(makeServer(fresh, QStringLiteral("relais_recovery_reseed")));
    const QString deskId = uuid();
    const auto reseed = [&](const QJsonArray &part, int index, bool final,
                            const QByteArray &token) {
        return fresh.http->postJson(QStringLiteral("/api/v1/admin/reseed"),
                                    {{QStringLiteral("import_id"),
                                      QUuid::createUuidV5(QUuid(deskId), QString::number(index))
                                          .toString(QUuid::WithoutBraces)},
                                     {QStringLiteral("desk_id"), deskId},
                                     {QStringLiteral("desk_last_seq"), 42},
                                     {QStringLiteral("final"), final},
                                     {QStringLiteral("rows"), part}},
                                    token);
    };
    QCOMPARE(reseed(rows, 0, true, fresh.supervisor).status, 403);
    // In two parts, as a large desk would send it.
    const qsizetype half = rows.size() / 2;
    QJsonArray first, second;
    for (qsizetype i = 0; i < rows.size(); ++i)
        (i < half ? first : second).append(rows.at(i));
    Response r = reseed(first, 0, false, fresh.admin);
    QVERIFY2(r.status == 200, r.body.constData());
    // Another desk cannot reseed meanwhile.
    const Response other = fresh.http->postJson(QStringLiteral("/api/v1/admin/reseed"),
                                                {{QStringLiteral("import_id"), uuid()},
                                                 {QStringLiteral("desk_id"), uuid()},
                                                 {QStringLiteral("desk_last_seq"), 1},
                                                 {QStringLiteral("final"), true},
                                                 {QStringLiteral("rows"), QJsonArray{}}},
                                                fresh.admin);
    QCOMPARE(other.status, 409);
    QCOMPARE(other.code(), QStringLiteral("reseed.other_desk"));
    r = reseed(second, 1, true, fresh.admin);
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(r.json.value(QStringLiteral("reseed_done")).toBool(), true);
    QCOMPARE(exportAll(fresh, fresh.supervisor).value(QStringLiteral("subscriber")).size(),
             source.value(QStringLiteral("subscriber")).size());
    // The desk's operations up to 42 count as applied: it goes on with 43.
    const QJsonObject p = pull(fresh, 0, deskId, fresh.clerk);
    QCOMPARE(p.value(QStringLiteral("desk_last_seq")).toInteger(), 42);
    const QString sub = uuid();
    QJsonObject op{{QStringLiteral("seq"), 43},
                   {QStringLiteral("op_id"), uuid()},
                   {QStringLiteral("operation"), QStringLiteral("subscriber.create")},
                   {QStringLiteral("entity"), QStringLiteral("subscriber")},
                   {QStringLiteral("entity_id"), sub},
                   {QStringLiteral("fields"), subscriberRow(++m_number, QStringLiteral("Suite"))},
                   {QStringLiteral("base"), QJsonObject{}},
                   {QStringLiteral("clerk"), QStringLiteral("clerk")},
                   {QStringLiteral("at"), QStringLiteral("2026-11-28T10:00:00.000Z")},
                   {QStringLiteral("schema_version"), 5}};
    const QJsonObject pushed = push(fresh,
                                    {{QStringLiteral("desk_id"), deskId},
                                     {QStringLiteral("ops"), QJsonArray{op}}},
                                    fresh.clerk);
    QCOMPARE(pushed.value(QStringLiteral("last_seq")).toInteger(), 43);
    // An operation the copy already held, sent again: answered as applied, never refused.
    QJsonObject old = op;
    old.insert(QStringLiteral("seq"), 42);
    old.insert(QStringLiteral("op_id"), uuid());
    old.insert(QStringLiteral("entity_id"), uuid());
    const QJsonObject replay = push(fresh,
                                    {{QStringLiteral("desk_id"), deskId},
                                     {QStringLiteral("ops"), QJsonArray{old}}},
                                    fresh.clerk);
    const QJsonObject replayed = replay.value(QStringLiteral("results")).toArray().at(0).toObject();
    QCOMPARE(replayed.value(QStringLiteral("status")).toString(), QStringLiteral("applied"));
    QCOMPARE(replayed.value(QStringLiteral("repeated")).toBool(), true);
    QCOMPARE(replayed.value(QStringLiteral("code")).toString(), QStringLiteral("reseeded"));
    // Once done, a reseed never writes over the publisher's rows.
    r = reseed(first, 0, true, fresh.admin);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.code(), QStringLiteral("reseed.not_empty"));
}

void TestServerRecovery::cliBackupRestoreIntoNewDatabase()
{
    // Total loss: a new database, `init`, then the last backup. Publishers, users and rows come
    // back, value for value; sessions do not; subscriber numbers skip the gap.
    // Text that COPY (PostgreSQL) must escape: in notes, in a name, and so in the stored
    // operation and change log, whose JSON doubles every backslash.
    FakeDesk desk;
    QJsonObject tricky = subscriberRow(++m_number, QStringLiteral("D'Ulmès \"Bâ\\ton\""));
    tricky.insert(QStringLiteral("notes"),
                  QStringLiteral("ligne 1\nligne 2\r\n\ttabulée \\N \\. fin"));
    // With them enough rows that PostgreSQL's restore writes the tables with COPY (a few dozen
    // rows and more), checked in its log below.
    QJsonArray ops{
        desk.op(QStringLiteral("subscriber.create"), QStringLiteral("subscriber"), uuid(), tricky)};
    for (int i = 0; i < 80; ++i)
        ops << desk.op(QStringLiteral("subscriber.create"), QStringLiteral("subscriber"), uuid(),
                       subscriberRow(++m_number, QStringLiteral("Copie %1").arg(i)));
    const QJsonObject pushed = push(m_main, desk.push(ops), m_main.clerk);
    for (const QJsonValue &result : pushed.value(QStringLiteral("results")).toArray())
        QCOMPARE(result.toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("applied"));
    const QString file = m_dir.filePath(QStringLiteral("cli.backup"));
    CliResult r = runCli(
        dbArgs(m_main.db, {QStringLiteral("backup"), QStringLiteral("--out"), file}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.out.contains(QStringLiteral("verified")));
    const QRegularExpressionMatch headMatch = QRegularExpression(QStringLiteral("head (\\d+)"))
                                                  .match(r.out);
    QVERIFY(headMatch.hasMatch());
    const qint64 backupHead = headMatch.captured(1).toLongLong();
    r = runCli(dbArgs(m_main.db, {QStringLiteral("backup"), QStringLiteral("--out"), file}));
    QCOMPARE(r.exitCode, 1); // never overwrites
    // The same file name in another folder is another backup.
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("elsewhere"))));
    r = runCli(dbArgs(m_main.db, {QStringLiteral("backup"), QStringLiteral("--out"),
                                  m_dir.filePath(QStringLiteral("elsewhere/cli.backup"))}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = runCli(dbArgs(m_main.db, {QStringLiteral("backups")}));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.count(QStringLiteral("\tcli.backup\t")), 2);
    const auto source = exportAll(m_main, m_main.supervisor);

    const QString db = freshDatabaseUrl(QStringLiteral("relais_recovery_new"));
    QCOMPARE(runCli(dbArgs(db, {QStringLiteral("init")})).exitCode, 0);
    qputenv("QT_LOGGING_RULES", "relais.server.store.debug=true");
    r = runCli(dbArgs(db, {QStringLiteral("restore"), file, QStringLiteral("--number-gap"),
                           QStringLiteral("500")}));
    qunsetenv("QT_LOGGING_RULES");
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    // PostgreSQL: the subscribers went in with COPY (SQLite has no COPY: none).
    const QRegularExpressionMatch
        copied = QRegularExpression(
                     QStringLiteral(
                         "restore: subscriber (\\d+) rows in \\d+ ms, (\\d+) through COPY"))
                     .match(r.err);
    QVERIFY2(copied.hasMatch(), qPrintable(r.err));
    QVERIFY(copied.captured(1).toInt() > 80);
    QCOMPARE(copied.captured(2).toInt(), usingPostgres() ? copied.captured(1).toInt() : 0);
    QVERIFY(r.out.contains(QStringLiteral("OUEST")) && r.out.contains(QStringLiteral("EST")));
    ServerProcess server;
    QVERIFY(server.start(db));
    Http http(server.baseUrl());
    // The old token is gone, the password works.
    QCOMPARE(http.get(QStringLiteral("/api/v1/me"), m_main.supervisor).status, 401);
    const QByteArray token = http.login(QStringLiteral("super"), kPassword);
    QVERIFY(!token.isEmpty());
    Server view;
    view.http = std::make_unique<Http>(server.baseUrl());
    const auto restored = exportAll(view, token);
    for (const QString &table : source.keys()) {
        QCOMPARE(restored.value(table).keys().size(), source.value(table).keys().size());
        for (auto it = source.value(table).cbegin(); it != source.value(table).cend(); ++it)
            QCOMPARE(restored.value(table).value(it.key()), it.value());
    }
    bool trickyBack = false;
    for (const QJsonObject &row : restored.value(QStringLiteral("subscriber")))
        trickyBack = trickyBack
                     || (row.value(QStringLiteral("notes")) == tricky.value(QStringLiteral("notes"))
                         && row.value(QStringLiteral("last_name"))
                                == tricky.value(QStringLiteral("last_name")));
    QVERIFY(trickyBack);
    // The new database numbers on from the backup's head, below what desks may have pulled
    // before the loss: the epoch says where to pull again from.
    const Response p = http.get(QStringLiteral("/api/v1/sync/pull?since=0&limit=1"), token);
    QCOMPARE(p.json.value(QStringLiteral("epoch_start")).toInteger(), backupHead);
    QCOMPARE(p.json.value(QStringLiteral("head")).toInteger(), backupHead);
    // A lease after the restore starts past the gap.
    const Response lease = http.postJson(QStringLiteral("/api/v1/numbers/lease"),
                                         {{QStringLiteral("desk_id"), uuid()},
                                          {QStringLiteral("count"), 10}},
                                         token);
    QCOMPARE(lease.status, 200);
    qint64 maxNumber = 0;
    for (const QJsonObject &row : source.value(QStringLiteral("subscriber")))
        maxNumber = qMax(maxNumber, row.value(QStringLiteral("number")).toInteger());
    QVERIFY(lease.json.value(QStringLiteral("first")).toInteger() > maxNumber);
    // The same backup again: same lineage, nothing changes but the epoch.
    r = runCli(dbArgs(db, {QStringLiteral("restore"), file}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral(" 0 changes announced")), qPrintable(r.out));
    // A database where OUEST was created anew is another lineage: refused, nothing changed.
    const QString other = freshDatabaseUrl(QStringLiteral("relais_recovery_other"));
    QCOMPARE(runCli(dbArgs(other, {QStringLiteral("init")})).exitCode, 0);
    QCOMPARE(runCli(dbArgs(other, {QStringLiteral("publisher"), QStringLiteral("add"),
                                   QStringLiteral("OUEST"), QStringLiteral("--name"),
                                   QStringLiteral("Ouest")}))
                 .exitCode,
             0);
    r = runCli(dbArgs(other, {QStringLiteral("restore"), file}));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("another identity")), qPrintable(r.err));
}

void TestServerRecovery::cliRestoreRefusesDamagedBackup_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("message");
    QTest::newRow("truncated") << QStringLiteral("truncate") << QStringLiteral("ends early");
    QTest::newRow("a changed byte") << QStringLiteral("flip") << QStringLiteral("checksum");
    QTest::newRow("a damaged compressed frame")
        << QStringLiteral("frame") << QStringLiteral("damaged compressed block");
    QTest::newRow("not a backup") << QStringLiteral("other")
                                  << QStringLiteral("not a Relais server backup");
    QTest::newRow("missing") << QStringLiteral("missing") << QStringLiteral("cannot read");
    QTest::newRow("unknown publisher") << QStringLiteral("publisher") << QStringLiteral("NOPE");
    QTest::newRow("another valid backup in its place")
        << QStringLiteral("swap") << QStringLiteral("is not the backup written there");
}

void TestServerRecovery::cliRestoreRefusesDamagedBackup()
{
    QFETCH(QString, damage);
    QFETCH(QString, message);
    const QString good = m_dir.filePath(QStringLiteral("good-%1.backup").arg(damage));
    QCOMPARE(runCli(dbArgs(m_main.db, {QStringLiteral("backup"), QStringLiteral("--out"), good}))
                 .exitCode,
             0);
    QFile f(good);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray bytes = f.readAll();
    f.close();
    QString bad = m_dir.filePath(QStringLiteral("bad-%1.backup").arg(damage));
    QStringList extra;
    if (damage == u"truncate")
        bytes.truncate(bytes.size() * 2 / 3);
    else if (damage == u"flip") // one letter of a town: still JSON, no longer what was backed up
        bytes = recompressed(bytes,
                             [](QByteArray &text) { text[text.indexOf("\"PARIS\"") + 5] = 'Z'; });
    else if (damage == u"frame") // a byte inside the compressed frame itself
        bytes[bytes.size() / 2] = char(bytes.at(bytes.size() / 2) ^ 0x5a);
    else if (damage == u"other")
        bytes = "numero;nom\n1;Martin\n";
    else if (damage == u"publisher")
        extra << QStringLiteral("--publisher") << QStringLiteral("NOPE");
    if (damage == u"swap") {
        // A later backup, valid in itself, copied over the one the server recorded under that name.
        const QString later = m_dir.filePath(QStringLiteral("later-swap.backup"));
        QCOMPARE(runCli(
                     dbArgs(m_main.db, {QStringLiteral("backup"), QStringLiteral("--out"), later}))
                     .exitCode,
                 0);
        QFile l(later);
        QVERIFY(l.open(QIODevice::ReadOnly));
        bytes = l.readAll();
        bad = good;
    }
    if (damage != u"missing") {
        QFile out(bad);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes);
    }
    const QString epoch = m_main.http->get(QStringLiteral("/api/v1/health"))
                              .json.value(QStringLiteral("epoch"))
                              .toString();
    const CliResult r = runCli(
        dbArgs(m_main.db, QStringList{QStringLiteral("restore"), bad} + extra));
    QVERIFY2(r.exitCode == 3 || r.exitCode == 1, qPrintable(r.err));
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    if (extra.isEmpty()) {
        // verify refuses it for the same reason, on its own.
        const CliResult v = runCli(dbArgs(m_main.db, {QStringLiteral("verify"), bad}));
        QVERIFY2(v.exitCode == 3 || v.exitCode == 1, qPrintable(v.out + v.err));
        QVERIFY2(v.err.contains(message), qPrintable(v.err));
        QVERIFY(!v.out.contains(QStringLiteral(": OK")));
    }
    QCOMPARE(m_main.http->get(QStringLiteral("/api/v1/health"))
                 .json.value(QStringLiteral("epoch"))
                 .toString(),
             epoch);
}

void TestServerRecovery::cliOldFormatBackupStillRead()
{
    // A backup written by an earlier relais-server (format 1: the same text, uncompressed; schema 4,
    // before the INSEE code): verified and restored as it is.
    const QString fixture = QStringLiteral(RELAIS_SERVER_TEST_DATA "/server-backup-format1.backup");
    QFile f(fixture);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(fixture));
    const QByteArray bytes = f.readAll();
    QVERIFY(bytes.startsWith("{\"format\":\"relais-server-backup\",\"version\":1,"));
    const QString file = m_dir.filePath(QStringLiteral("format1.backup"));
    QVERIFY(QFile::copy(fixture, file));
    const QString db = freshDatabaseUrl(QStringLiteral("relais_recovery_format1"));
    QCOMPARE(runCli(dbArgs(db, {QStringLiteral("init")})).exitCode, 0);
    CliResult r = runCli(dbArgs(db, {QStringLiteral("verify"), file}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(QStringLiteral(": OK")) && r.out.contains(QStringLiteral("OUEST")),
             qPrintable(r.out));
    r = runCli(dbArgs(db, {QStringLiteral("restore"), file}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = runCli(dbArgs(db, {QStringLiteral("checksums"), QStringLiteral("--publisher"),
                           QStringLiteral("OUEST"), QStringLiteral("--json")}));
    QCOMPARE(r.exitCode, 0);
    QHash<QString, qint64> counts;
    for (const QJsonValue &t :
         QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("tables")).toArray())
        counts.insert(t.toObject().value(QStringLiteral("table")).toString(),
                      t.toObject().value(QStringLiteral("rows")).toInteger());
    QCOMPARE(counts.value(QStringLiteral("subscriber")), 12);
    QVERIFY2(counts.value(QStringLiteral("subscription")) > 0, qPrintable(r.out));
    // A damaged old-format file is refused as before: one letter of a town changed.
    QByteArray damaged = bytes;
    damaged[damaged.indexOf("\"SCOLCA\"") + 3] = 'Z';
    const QString bad = m_dir.filePath(QStringLiteral("format1-damaged.backup"));
    QFile out(bad);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(damaged);
    out.close();
    r = runCli(dbArgs(db, {QStringLiteral("verify"), bad}));
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("checksum")), qPrintable(r.err));
}

void TestServerRecovery::cliRefusesBackupBreakingAUniqueRule()
{
    // A crafted backup, sound in every checksum, whose rows break a rule of the schema: two live
    // subscribers of one publisher with the same number. verify's scratch store builds only the
    // UNIQUE indexes (restore.cpp), and must still refuse it; so must a restore, which changes
    // nothing. Made from the format-1 fixture, whose table checksums are SHA-256 of the row lines.
    QFile f(QStringLiteral(RELAIS_SERVER_TEST_DATA "/server-backup-format1.backup"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QList<QByteArray> lines = f.readAll().split('\n');
    f.close();
    if (lines.last().isEmpty())
        lines.removeLast();
    qsizetype header = -1;
    for (qsizetype i = 0; i < lines.size() && header < 0; ++i)
        if (lines.at(i).startsWith("{\"table\":\"subscriber\""))
            header = i;
    QVERIFY(header > 0);
    const QVariantList columns = QJsonDocument::fromJson(lines.at(header))
                                     .object()
                                     .value(QStringLiteral("columns"))
                                     .toArray()
                                     .toVariantList();
    const int numberAt = int(columns.indexOf(QStringLiteral("number")));
    const int deletedAt = int(columns.indexOf(QStringLiteral("deleted")));
    QVERIFY(numberAt > 0 && deletedAt > 0);
    QJsonArray first = QJsonDocument::fromJson(lines.at(header + 1)).array();
    QJsonArray second = QJsonDocument::fromJson(lines.at(header + 2)).array();
    QCOMPARE(first.at(deletedAt).toInteger(), 0);
    QCOMPARE(second.at(deletedAt).toInteger(), 0);
    QVERIFY(first.at(numberAt) != second.at(numberAt));
    second[numberAt] = first.at(numberAt);
    lines[header + 2] = QJsonDocument(second).toJson(QJsonDocument::Compact);
    // The table's checksum and the trailer made again, as someone who knows the format would.
    QCryptographicHash sha(QCryptographicHash::Sha256);
    qint64 rows = 0;
    for (qsizetype i = header + 1; i < lines.size() && !lines.at(i).startsWith('{'); ++i, ++rows)
        sha.addData(QByteArray(lines.at(i) + '\n'));
    QJsonObject trailer = QJsonDocument::fromJson(lines.last()).object();
    QJsonObject tables = trailer.value(QStringLiteral("tables")).toObject();
    QCOMPARE(tables.value(QStringLiteral("subscriber"))
                 .toObject()
                 .value(QStringLiteral("rows"))
                 .toInteger(),
             rows);
    tables.insert(QStringLiteral("subscriber"),
                  QJsonObject{{QStringLiteral("rows"), rows},
                              {QStringLiteral("sha256"),
                               QString::fromLatin1(sha.result().toHex())}});
    trailer.insert(QStringLiteral("tables"), tables);
    lines.last() = QJsonDocument(trailer).toJson(QJsonDocument::Compact);
    const QString crafted = m_dir.filePath(QStringLiteral("format1-two-numbers.backup"));
    QFile out(crafted);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(lines.join('\n') + '\n');
    out.close();

    const QString db = freshDatabaseUrl(QStringLiteral("relais_recovery_unique"));
    QCOMPARE(runCli(dbArgs(db, {QStringLiteral("init")})).exitCode, 0);
    // The operator reads the rule and the number, not the database's own words.
    const QString number = QString::number(first.at(numberAt).toInteger());
    const auto refusedForTheRule = [&](const CliResult &r) {
        return (r.exitCode == 3 || r.exitCode == 1) && r.err.contains(crafted)
               && r.err.contains(QStringLiteral("subscriber_number")) && r.err.contains(number)
               && !r.err.contains(QStringLiteral("constraint"));
    };
    CliResult r = runCli(dbArgs(db, {QStringLiteral("verify"), crafted}));
    QVERIFY2(refusedForTheRule(r), qPrintable(r.out + r.err));
    QVERIFY2(!r.out.contains(QStringLiteral(": OK")), qPrintable(r.out));
    r = runCli(dbArgs(db, {QStringLiteral("restore"), crafted}));
    QVERIFY2(refusedForTheRule(r), qPrintable(r.out + r.err));
    // Nothing of it was kept: the store is still empty.
    r = runCli(dbArgs(db, {QStringLiteral("checksums"), QStringLiteral("--publisher"),
                           QStringLiteral("OUEST")}));
    QVERIFY2(r.exitCode != 0 && r.err.contains(QStringLiteral("OUEST")), qPrintable(r.out + r.err));
    // The fixture itself, unchanged, is verified: the refusal is the rule, not the crafting.
    r = runCli(
        dbArgs(db, {QStringLiteral("verify"),
                    QStringLiteral(RELAIS_SERVER_TEST_DATA "/server-backup-format1.backup")}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
}

void TestServerRecovery::restoreOlderThenRightBringsRowsBack()
{
    // The operator restores a backup that is too old, then the right one: a row the first took
    // away (and told the desks so) must come back on the desks with the second.
    Server &s = m_main;
    FakeDesk desk;
    const QString pub = uuid(), offer = uuid(), late = uuid();
    push(s,
         desk.push(
             QJsonArray{desk.op(QStringLiteral("publication.create"), QStringLiteral("publication"),
                                pub, publicationRow(QStringLiteral("TWICE"))),
                        desk.op(QStringLiteral("offer.create"), QStringLiteral("offer"), offer,
                                offerRow(pub, QStringLiteral("TWICE-1AN")))}),
         s.clerk);
    const Response older = s.http->post(QStringLiteral("/api/v1/admin/backup"), QByteArray(),
                                        s.admin);
    QCOMPARE(older.status, 201);
    QJsonObject out = push(s,
                           desk.push(
                               desk.op(QStringLiteral("subscriber.create"),
                                       QStringLiteral("subscriber"), late,
                                       subscriberRow(++m_number, QStringLiteral("Revenant")))),
                           s.clerk);
    QCOMPARE(out.value(QStringLiteral("results"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("applied"));
    const Response right = s.http->post(QStringLiteral("/api/v1/admin/backup"), QByteArray(),
                                        s.admin);
    QCOMPARE(right.status, 201);

    const auto changesOf = [&](qint64 since) {
        QHash<QString, QJsonObject> rows; // id -> row of its last change
        for (const QJsonValue &v :
             pull(s, since, desk.id(), s.clerk).value(QStringLiteral("changes")).toArray())
            rows.insert(v.toObject().value(QStringLiteral("id")).toString(),
                        v.toObject().value(QStringLiteral("row")).toObject());
        return rows;
    };
    qint64 cursor = pull(s, 0, desk.id(), s.clerk).value(QStringLiteral("head")).toInteger();
    Response r = s.http->postJson(QStringLiteral("/api/v1/admin/restore"),
                                  {{QStringLiteral("backup"),
                                    older.json.value(QStringLiteral("name")).toString()}},
                                  s.admin);
    QCOMPARE(r.status, 200);
    QHash<QString, QJsonObject> changes = changesOf(cursor);
    QVERIFY2(changes.contains(late), "the older backup takes the subscriber away");
    QCOMPARE(changes.value(late).value(QStringLiteral("deleted")).toInteger(), 1);
    cursor = r.json.value(QStringLiteral("head")).toInteger();

    r = s.http->postJson(QStringLiteral("/api/v1/admin/restore"),
                         {{QStringLiteral("backup"),
                           right.json.value(QStringLiteral("name")).toString()}},
                         s.admin);
    QCOMPARE(r.status, 200);
    changes = changesOf(cursor);
    QVERIFY2(changes.contains(late), "the right backup brings the subscriber back to the desks");
    QCOMPARE(changes.value(late).value(QStringLiteral("deleted")).toInteger(), 0);
    QCOMPARE(changes.value(late).value(QStringLiteral("last_name")).toString(),
             QStringLiteral("Revenant"));
    QCOMPARE(exportAll(s, s.supervisor)
                 .value(QStringLiteral("subscriber"))
                 .value(late)
                 .value(QStringLiteral("last_name"))
                 .toString(),
             QStringLiteral("Revenant"));
}

void TestServerRecovery::cliVerifyGoodBackup()
{
    // A backup verified on its own: every table, the recorded SHA-256, a scratch restore whose
    // checksums are the live publisher's (nothing changed since the backup).
    const QString path = m_dir.filePath(QStringLiteral("verify-good.backup"));
    QCOMPARE(runCli(dbArgs(m_main.db, {QStringLiteral("backup"), QStringLiteral("--out"), path}))
                 .exitCode,
             0);
    const CliResult live = runCli(
        dbArgs(m_main.db, {QStringLiteral("checksums"), QStringLiteral("--publisher"),
                           QStringLiteral("OUEST"), QStringLiteral("--json")}));
    QCOMPARE(live.exitCode, 0);
    const CliResult text = runCli(dbArgs(m_main.db, {QStringLiteral("verify"), path}));
    QVERIFY2(text.exitCode == 0, qPrintable(text.err));
    QVERIFY2(text.out.contains(QStringLiteral(": OK"))
                 && text.out.contains(QStringLiteral("as recorded when written")),
             qPrintable(text.out));
    const CliResult json = runCli(
        dbArgs(m_main.db, {QStringLiteral("verify"), path, QStringLiteral("--json")}));
    QCOMPARE(json.exitCode, 0);
    const QJsonObject o = QJsonDocument::fromJson(json.out.toUtf8()).object();
    QVERIFY(o.value(QStringLiteral("ok")).toBool());
    QCOMPARE(o.value(QStringLiteral("sha256")).toString(),
             o.value(QStringLiteral("recorded_sha256")).toString());
    QVERIFY(
        o.value(QStringLiteral("tables")).toObject().value(QStringLiteral("subscriber")).toInteger()
        > 0);
    const QJsonArray liveTables = QJsonDocument::fromJson(live.out.toUtf8())
                                      .object()
                                      .value(QStringLiteral("tables"))
                                      .toArray();
    const QJsonArray verifiedTables = o.value(QStringLiteral("checksums"))
                                          .toObject()
                                          .value(QStringLiteral("OUEST"))
                                          .toObject()
                                          .value(QStringLiteral("tables"))
                                          .toArray();
    QVERIFY(!liveTables.isEmpty());
    QCOMPARE(verifiedTables, liveTables);
}

void TestServerRecovery::scheduledBackupsRotate()
{
    // A second server process on the same database, writing a backup every 1.8 s and keeping two.
    const QString dir = m_dir.filePath(QStringLiteral("scheduled"));
    QVERIFY(QDir().mkpath(dir));
    ServerProcess scheduled;
    QVERIFY(scheduled.start(m_main.db, {QStringLiteral("--backup-dir"), dir,
                                        QStringLiteral("--backup-every"), QStringLiteral("0.0005"),
                                        QStringLiteral("--backup-keep"), QStringLiteral("2")}));
    const auto written = [&] {
        return runCli(dbArgs(m_main.db, {QStringLiteral("backups")}))
            .out.split(u'\n')
            .filter(QStringLiteral("scheduled-"))
            .size();
    };
    // Four backups written at least (two rotated out): the log says each one.
    QTRY_VERIFY_WITH_TIMEOUT(scheduled.stderrText().count(QStringLiteral("scheduled backup")) >= 4,
                             60000);
    QTRY_COMPARE_WITH_TIMEOUT(QDir(dir)
                                  .entryList({QStringLiteral("scheduled-*.backup")}, QDir::Files)
                                  .size(),
                              2, 5000);
    QVERIFY2(scheduled.stderrText().contains(QStringLiteral("removed the old backup")),
             qPrintable(scheduled.stderrText()));
    scheduled.stop();
    // The records of the removed files are gone too; the kept ones are verified and verify again.
    QCOMPARE(written(), 2);
    const QStringList kept = QDir(dir).entryList({QStringLiteral("scheduled-*.backup")},
                                                 QDir::Files, QDir::Name);
    const CliResult v = runCli(
        dbArgs(m_main.db, {QStringLiteral("verify"), QDir(dir).filePath(kept.last())}));
    QVERIFY2(v.exitCode == 0, qPrintable(v.err));
    // Options checked before serving.
    QCOMPARE(runCli(dbArgs(m_main.db, {QStringLiteral("serve"), QStringLiteral("--backup-every"),
                                       QStringLiteral("1")}))
                 .exitCode,
             3);
    QCOMPARE(runCli(dbArgs(m_main.db, {QStringLiteral("serve"), QStringLiteral("--backup-dir"), dir,
                                       QStringLiteral("--backup-every"), QStringLiteral("-2")}))
                 .exitCode,
             3);
}

void TestServerRecovery::cliReseedFromDeskCopy()
{
    // A real desk (relaisctl demo), its copy, and an empty publisher reseeded from it.
    const QString desk = m_dir.filePath(QStringLiteral("reseed-desk.relais"));
    QProcess ctl;
    ctl.start(QStringLiteral(RELAISCTL_BINARY),
              {QStringLiteral("--db"), desk, QStringLiteral("demo"),
               QStringLiteral("--subscribers"), QStringLiteral("300"), QStringLiteral("--quiet")});
    QVERIFY(ctl.waitForFinished(120000));
    QCOMPARE(ctl.exitCode(), 0);
    const QString copy = m_dir.filePath(QStringLiteral("reseed.ndjson"));
    ctl.start(QStringLiteral(RELAISCTL_BINARY),
              {QStringLiteral("--db"), desk, QStringLiteral("desk-copy"), QStringLiteral("--out"),
               copy});
    QVERIFY(ctl.waitForFinished(60000));
    QCOMPARE(ctl.exitCode(), 0);
    QFile f(copy);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().split('\n');
    f.close();
    QHash<QString, int> perTable;
    for (const QByteArray &line : lines) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.contains(QStringLiteral("entity")))
            ++perTable[o.value(QStringLiteral("entity")).toString()];
    }
    const QString db = freshDatabaseUrl(QStringLiteral("relais_recovery_cli_reseed"));
    QCOMPARE(runCli(dbArgs(db, {QStringLiteral("init")})).exitCode, 0);
    QCOMPARE(runCli(dbArgs(db, {QStringLiteral("publisher"), QStringLiteral("add"),
                                QStringLiteral("OUEST"), QStringLiteral("--name"),
                                QStringLiteral("Ouest")}))
                 .exitCode,
             0);
    // A damaged copy writes nothing.
    const QString cut = m_dir.filePath(QStringLiteral("reseed-cut.ndjson"));
    {
        QFile out(cut);
        QVERIFY(out.open(QIODevice::WriteOnly));
        for (qsizetype i = 0; i < lines.size() / 2; ++i)
            out.write(lines.at(i) + '\n');
    }
    CliResult r = runCli(dbArgs(db, {QStringLiteral("reseed"), cut, QStringLiteral("--publisher"),
                                     QStringLiteral("OUEST")}));
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("incomplete")), qPrintable(r.err));
    r = runCli(dbArgs(db, {QStringLiteral("reseed"), copy, QStringLiteral("--publisher"),
                           QStringLiteral("OUEST")}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(runCli(
                 dbArgs(db, {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("super"),
                             QStringLiteral("--role"), QStringLiteral("supervisor"),
                             QStringLiteral("--publisher"), QStringLiteral("OUEST"),
                             QStringLiteral("--password-file"), m_passwordFile}))
                 .exitCode,
             0);
    ServerProcess server;
    QVERIFY(server.start(db));
    Server view;
    view.http = std::make_unique<Http>(server.baseUrl());
    const QByteArray token = view.http->login(QStringLiteral("super"), kPassword);
    const auto rows = exportAll(view, token);
    for (auto it = perTable.cbegin(); it != perTable.cend(); ++it)
        QCOMPARE(rows.value(it.key()).size(), it.value());
    QCOMPARE(rows.value(QStringLiteral("subscriber")).size(), 300);
    // Again: the publisher is no longer empty.
    r = runCli(dbArgs(db, {QStringLiteral("reseed"), copy, QStringLiteral("--publisher"),
                           QStringLiteral("OUEST")}));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("empty")), qPrintable(r.err));
}

namespace {
// The "tables" of a checksums answer (server) or of relaisctl check --sync --json (desk).
QList<Relais::Protocol::TableSum> sumsOf(const QByteArray &json)
{
    QList<Relais::Protocol::TableSum> out;
    for (const QJsonValue &v :
         QJsonDocument::fromJson(json).object().value(QStringLiteral("tables")).toArray()) {
        const QJsonObject o = v.toObject();
        out << Relais::Protocol::TableSum{o.value(QStringLiteral("table")).toString(),
                                          o.value(QStringLiteral("rows")).toInteger(),
                                          o.value(QStringLiteral("sha256")).toString()};
    }
    return out;
}

QByteArray runCtl(const QStringList &args)
{
    QProcess ctl;
    ctl.start(QStringLiteral(RELAISCTL_BINARY), args);
    if (!ctl.waitForFinished(120000) || ctl.exitCode() != 0) {
        qWarning() << "relaisctl" << args << "failed:" << ctl.readAllStandardError();
        return {};
    }
    return ctl.readAllStandardOutput();
}
} // namespace

void TestServerRecovery::checksumsOfDeskAndServerAgree()
{
    // A desk (relaisctl demo), an empty publisher reseeded from its copy: the same data on both
    // sides, so the same digests, whatever the server's engine.
    const QString desk = m_dir.filePath(QStringLiteral("checksum-desk.relais"));
    QVERIFY(
        !runCtl({QStringLiteral("--db"), desk, QStringLiteral("demo"),
                 QStringLiteral("--subscribers"), QStringLiteral("50"), QStringLiteral("--quiet")})
             .isEmpty());
    const QString copy = m_dir.filePath(QStringLiteral("checksum.ndjson"));
    QVERIFY(!runCtl({QStringLiteral("--db"), desk, QStringLiteral("desk-copy"),
                     QStringLiteral("--out"), copy})
                 .isEmpty());
    const auto deskSums = sumsOf(runCtl({QStringLiteral("--db"), desk, QStringLiteral("check"),
                                         QStringLiteral("--sync"), QStringLiteral("--json")}));
    QCOMPARE(deskSums.size(), 6);
    QCOMPARE(deskSums.at(2).table, QStringLiteral("subscriber"));
    QCOMPARE(deskSums.at(2).rows, 50);

    // The harness's engine, and SQLite as well: under run-with-postgres.sh the two are compared.
    QStringList dbs{freshDatabaseUrl(QStringLiteral("relais_recovery_checksums"))};
    if (usingPostgres())
        dbs << QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("checksums.sqlite"));
    QList<QList<Relais::Protocol::TableSum>> serverSums;
    for (const QString &db : dbs) {
        QCOMPARE(runCli(dbArgs(db, {QStringLiteral("init")})).exitCode, 0);
        QCOMPARE(runCli(dbArgs(db, {QStringLiteral("publisher"), QStringLiteral("add"),
                                    QStringLiteral("OUEST"), QStringLiteral("--name"),
                                    QStringLiteral("Ouest")}))
                     .exitCode,
                 0);
        const CliResult r = runCli(
            dbArgs(db, {QStringLiteral("reseed"), copy, QStringLiteral("--publisher"),
                        QStringLiteral("OUEST")}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const CliResult c = runCli(
            dbArgs(db, {QStringLiteral("checksums"), QStringLiteral("--publisher"),
                        QStringLiteral("OUEST"), QStringLiteral("--json")}));
        QVERIFY2(c.exitCode == 0, qPrintable(c.err));
        const auto parsed = Relais::Protocol::ChecksumsAnswer::fromJson(
            QJsonDocument::fromJson(c.out.toUtf8()).object());
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().fullText()));
        QCOMPARE(parsed->tables, deskSums);
        serverSums << parsed->tables;

        // The same over HTTP, for a clerk of the publisher.
        QCOMPARE(runCli(dbArgs(db, {QStringLiteral("user"), QStringLiteral("add"),
                                    QStringLiteral("clerk"), QStringLiteral("--role"),
                                    QStringLiteral("clerk"), QStringLiteral("--publisher"),
                                    QStringLiteral("OUEST"), QStringLiteral("--password-file"),
                                    m_passwordFile}))
                     .exitCode,
                 0);
        ServerProcess server;
        QVERIFY(server.start(db));
        Http http(server.baseUrl());
        const QByteArray token = http.login(QStringLiteral("clerk"), kPassword);
        const Response answer = http.get(QStringLiteral("/api/v1/sync/checksums"), token);
        QCOMPARE(answer.status, 200);
        const auto overHttp = Relais::Protocol::ChecksumsAnswer::fromJson(answer.json);
        QVERIFY(overHttp.ok());
        QCOMPARE(overHttp->tables, deskSums);
    }
    if (serverSums.size() == 2)
        QCOMPARE(serverSums.at(0), serverSums.at(1)); // PostgreSQL and SQLite

    // One field changed on the desk: that table's digest changes, and only it.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                    QStringLiteral("checksum-desk"));
        db.setDatabaseName(desk);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("UPDATE subscriber SET city = city || ' CEDEX' "
                                      "WHERE id = (SELECT min(id) FROM subscriber)")));
        QCOMPARE(q.numRowsAffected(), 1);
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("checksum-desk"));
    const auto changed = sumsOf(runCtl({QStringLiteral("--db"), desk, QStringLiteral("check"),
                                        QStringLiteral("--sync"), QStringLiteral("--json")}));
    QCOMPARE(changed.size(), deskSums.size());
    for (int i = 0; i < changed.size(); ++i) {
        QCOMPARE(changed.at(i).rows, deskSums.at(i).rows);
        QCOMPARE(changed.at(i).sha256 == deskSums.at(i).sha256,
                 changed.at(i).table != u"subscriber");
    }
    // The text form prints the same lines as relais-server checksums.
    const QString text = QString::fromUtf8(
        runCtl({QStringLiteral("--db"), desk, QStringLiteral("check"), QStringLiteral("--sync")}));
    QVERIFY2(text.contains(changed.at(2).sha256), qPrintable(text));
}

void TestServerRecovery::olderSchemaIsUpgraded()
{
    // Made by taking a fresh database back to schema 1, on SQLite as on PostgreSQL (the same
    // statements work on both): the upgrade runs on each.
    const QString db = freshDatabaseUrl(QStringLiteral("relais_recovery_v1"));
    QCOMPARE(runCli(dbArgs(db, {QStringLiteral("init")})).exitCode, 0);
    // Back to server schema 1: no backups table, no desks.backup_seq ... and none of schema 3: no
    // login_throttle.last_at, no index of sessions by user.
    QVERIFY(
        execSql(db, {QStringLiteral("DROP TABLE backups"),
                     QStringLiteral("ALTER TABLE desks DROP COLUMN backup_seq"),
                     QStringLiteral("ALTER TABLE desks DROP COLUMN reseeded_seq"),
                     QStringLiteral("DROP INDEX sessions_user"),
                     QStringLiteral("ALTER TABLE login_throttle DROP COLUMN last_at"),
                     // ... nor of schema 4: the desks at a glance.
                     QStringLiteral("ALTER TABLE desks DROP COLUMN last_push_at"),
                     QStringLiteral("ALTER TABLE desks DROP COLUMN last_pull_at"),
                     QStringLiteral("ALTER TABLE desks DROP COLUMN reported_at"),
                     QStringLiteral("ALTER TABLE desks DROP COLUMN reported_by"),
                     QStringLiteral("ALTER TABLE desks DROP COLUMN host"),
                     QStringLiteral("ALTER TABLE desks DROP COLUMN queue_depth"),
                     QStringLiteral("ALTER TABLE desks DROP COLUMN oldest_queued_at"),
                     QStringLiteral("ALTER TABLE desks DROP COLUMN epoch_seen"),
                     QStringLiteral("ALTER TABLE desks DROP COLUMN numbers_left"),
                     QStringLiteral("ALTER TABLE desks DROP COLUMN app_version"),
                     QStringLiteral("ALTER TABLE desks DROP COLUMN clock_skew_seconds"),
                     // ... nor of schema 5: the subscriber's INSEE commune code.
                     QStringLiteral("ALTER TABLE subscriber DROP COLUMN insee_code"),
                     QStringLiteral("UPDATE meta SET value = '1' WHERE key = 'schema_version'")}));
    QVERIFY(!execSql(db, {QStringLiteral("SELECT backup_seq FROM desks")})); // really gone
    QVERIFY(!execSql(db, {QStringLiteral("SELECT insee_code FROM subscriber")}));
    // A subscriber as schema 1 held it: kept by the upgrade, with no INSEE code.
    QVERIFY(execSql(
        db,
        {QStringLiteral(
             "INSERT INTO publisher (id, owner_id, code, name, deleted, updated_at, updated_by) "
             "VALUES ('p-v1', 'p-v1', 'V1', 'Schema 1', 0, '2026-01-01T00:00:00Z', 'old')"),
         QStringLiteral(
             "INSERT INTO subscriber (id, owner_id, number, publisher_id, civility, first_name, "
             "last_name, company, line2, line3, line4, line5, postal_code, city, country, email, "
             "phone, consents, notes, sort_key, deleted, updated_at, updated_by) VALUES "
             "('s-v1', 'p-v1', 42, 'p-v1', 'Mme', 'Hélène', 'Lefèvre', '', '', '', "
             "'3 rue Pasteur', '', '69001', 'LYON', '', '', '', '', '', 'lefevre helene', 0, "
             "'2026-01-01T00:00:00Z', 'old')")}));
    const QString file = m_dir.filePath(QStringLiteral("v1.backup"));
    const CliResult r = runCli(
        dbArgs(db, {QStringLiteral("backup"), QStringLiteral("--out"), file}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(sqlValue(db, QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'"))
                 .toString(),
             QStringLiteral("5"));
    QCOMPARE(sqlValue(db, QStringLiteral("SELECT last_name FROM subscriber WHERE id = 's-v1'"))
                 .toString(),
             QStringLiteral("Lefèvre"));
    QCOMPARE(sqlValue(db, QStringLiteral("SELECT insee_code FROM subscriber WHERE id = 's-v1'"))
                 .toString(),
             QString());
    QVERIFY(!sqlValue(db, QStringLiteral("SELECT insee_code FROM subscriber WHERE id = 's-v1'"))
                 .isNull());
    QVERIFY(execSql(db, {QStringLiteral("SELECT backup_seq FROM desks"),
                         QStringLiteral("SELECT last_at FROM login_throttle"),
                         QStringLiteral(
                             "SELECT last_push_at, queue_depth, clock_skew_seconds FROM desks"),
                         QStringLiteral("SELECT publisher_id FROM backups")}));
    // A schema newer than this server is refused, untouched.
    QVERIFY(
        execSql(db, {QStringLiteral("UPDATE meta SET value = '99' WHERE key = 'schema_version'")}));
    const CliResult newer = runCli(dbArgs(db, {QStringLiteral("backups")}));
    QCOMPARE(newer.exitCode, 1);
    QVERIFY2(newer.err.contains(QStringLiteral("newer")), qPrintable(newer.err));
}

QTEST_GUILESS_MAIN(TestServerRecovery)
#include "tst_server_recovery.moc"
