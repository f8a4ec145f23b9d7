// Logins against a real relais-server (SQLite, and PostgreSQL under run-with-postgres.sh): a wrong
// password costs the guesser, not the clerk (no lock-out from another address, a throttled login
// costs no password check), sessions capped and pruned, throttle rows pruned, the password checks
// never hold up other desks, a lost database connection or a read left open never turns a login
// into a 500. The rest of the server's hardening: tst_server_hardening.cpp.

#include "serverharness.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

#include <functional>

using namespace Relais::Test;

namespace {
const QString kPassword = QStringLiteral("correct horse battery staple");

QList<QPair<QByteArray, QByteArray>> fromAddress(const QByteArray &address)
{
    return {{"Content-Type", "application/json"}, {"X-Real-IP", address}};
}

QByteArray loginBody(const QString &user, const QString &password)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("username"), user},
                                     {QStringLiteral("password"), password}})
        .toJson(QJsonDocument::Compact);
}
} // namespace

class TestServerLogins : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void noLockOutFromAnotherAddress();
    void sessionsPerUserCapped();
    void expiredSessionsPruned();
    void throttleRowsPruned();
    void readLeftOpenDoesNotLockWrites();
    void loginsDoNotHoldUpOtherDesks();
    void throttledLoginsCostNoCheck();
    void reconnectDuringLogin();
    void reconnectFoundByPrepare();

private:
    void addUser(const QString &name, const char *role, const char *publisher);

    QString m_db;
    QString m_passwordFile;
    std::unique_ptr<QTemporaryDir> m_tmp;
    ServerProcess m_server;
    std::unique_ptr<Http> m_http;
    QByteArray m_adminA, m_clerkA;
};

void TestServerLogins::addUser(const QString &name, const char *role, const char *publisher)
{
    const CliResult r = runCli(
        {QStringLiteral("--db"), m_db, QStringLiteral("user"), QStringLiteral("add"), name,
         QStringLiteral("--role"), QString::fromLatin1(role), QStringLiteral("--publisher"),
         QString::fromLatin1(publisher), QStringLiteral("--password-file"), m_passwordFile});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
}

void TestServerLogins::initTestCase()
{
    QVERIFY2(QFile::exists(serverBinary()), qPrintable(serverBinary()));
    m_db = freshDatabaseUrl(QStringLiteral("relais_logins"));
    QVERIFY(!m_db.isEmpty());
    m_tmp = std::make_unique<QTemporaryDir>(); // lives as long as the suite
    m_passwordFile = m_tmp->filePath(QStringLiteral("password"));
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
    addUser(QStringLiteral("admin_a"), "admin", "OUEST");
    addUser(QStringLiteral("admin_b"), "admin", "EST");
    addUser(QStringLiteral("clerk_a"), "clerk", "OUEST");
    addUser(QStringLiteral("clerk_b"), "clerk", "EST");
    addUser(QStringLiteral("claire"), "clerk", "OUEST");
    addUser(QStringLiteral("many"), "clerk", "OUEST");
    addUser(QStringLiteral("flood"), "clerk", "OUEST");
    QVERIFY(m_server.start(m_db, {QStringLiteral("--login-max-failures"), QStringLiteral("3"),
                                  QStringLiteral("--login-lockout"), QStringLiteral("60"),
                                  QStringLiteral("--max-sessions-per-user"), QStringLiteral("3")}));
    m_http = std::make_unique<Http>(m_server.baseUrl());
    m_adminA = m_http->login(QStringLiteral("admin_a"), kPassword);
    m_clerkA = m_http->login(QStringLiteral("clerk_a"), kPassword);
    QVERIFY(!m_adminA.isEmpty() && !m_clerkA.isEmpty());
}

void TestServerLogins::noLockOutFromAnotherAddress()
{
    const QString path = QStringLiteral("/api/v1/login");
    // The clerk's usual desk.
    Response r = m_http->send("POST", path, loginBody(QStringLiteral("clerk_a"), kPassword),
                              fromAddress("198.51.100.7"));
    QCOMPARE(r.status, 200);
    // Someone elsewhere guesses: after three failures that address may no longer try that name.
    int refused = 0;
    for (int i = 0; i < 8; ++i) {
        r = m_http->send("POST", path,
                         loginBody(QStringLiteral("clerk_a"), QStringLiteral("guess %1").arg(i)),
                         fromAddress("203.0.113.9"));
        QVERIFY2(r.status == 401 || r.status == 429, qPrintable(QString::number(r.status)));
        refused += r.status == 429 ? 1 : 0;
    }
    QCOMPARE(refused, 5);
    // Even with the right password, from there.
    r = m_http->send("POST", path, loginBody(QStringLiteral("clerk_a"), kPassword),
                     fromAddress("203.0.113.9"));
    QCOMPARE(r.status, 429);
    QVERIFY(r.header("Retry-After").toInt() > 0);
    // The clerk at their desk is not locked out.
    r = m_http->send("POST", path, loginBody(QStringLiteral("clerk_a"), kPassword),
                     fromAddress("198.51.100.7"));
    QCOMPARE(r.status, 200);
    // The name alone is only slowed down: the guesses made it wait a little from a new address,
    // after which the right password works.
    r = m_http->send("POST", path, loginBody(QStringLiteral("clerk_b"), QStringLiteral("nope")),
                     fromAddress("203.0.113.10"));
    QCOMPARE(r.status, 401);
    for (int i = 0; i < 3; ++i)
        m_http->send("POST", path, loginBody(QStringLiteral("clerk_b"), QStringLiteral("nope")),
                     fromAddress(QByteArray("203.0.113.") + QByteArray::number(20 + i)));
    r = m_http->send("POST", path, loginBody(QStringLiteral("clerk_b"), kPassword),
                     fromAddress("192.0.2.55"));
    if (r.status == 429) {
        const int wait = r.header("Retry-After").toInt();
        QVERIFY2(wait >= 1 && wait <= 60, qPrintable(QString::number(wait)));
        QTest::qWait(wait * 1000 + 200);
        r = m_http->send("POST", path, loginBody(QStringLiteral("clerk_b"), kPassword),
                         fromAddress("192.0.2.55"));
    }
    QCOMPARE(r.status, 200);
}

void TestServerLogins::sessionsPerUserCapped()
{
    QList<QByteArray> tokens;
    for (int i = 0; i < 5; ++i) {
        tokens << m_http->login(QStringLiteral("many"), kPassword);
        QVERIFY(!tokens.last().isEmpty());
    }
    // At most three: the two oldest ended.
    for (int i = 0; i < 5; ++i)
        QCOMPARE(m_http->get(QStringLiteral("/api/v1/me"), tokens.at(i)).status, i < 2 ? 401 : 200);
}

void TestServerLogins::expiredSessionsPruned()
{
    {
        ServerProcess shortLived;
        QVERIFY(shortLived.start(m_db, {QStringLiteral("--token-ttl"), QStringLiteral("1")}));
        Http http(shortLived.baseUrl());
        QVERIFY(!http.login(QStringLiteral("many"), kPassword).isEmpty());
    }
    QTest::qWait(1200);
    const QString count = QStringLiteral("SELECT count(*) FROM sessions WHERE expires_at <= '%1'")
                              .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    QVERIFY(sqlValue(m_db, count).toInt() >= 1);
    // A server starting prunes them (and then every ten minutes).
    ServerProcess next;
    QVERIFY(next.start(m_db));
    QTRY_COMPARE_WITH_TIMEOUT(sqlValue(m_db, count).toInt(), 0, 5000);
}

void TestServerLogins::throttleRowsPruned()
{
    // Failed-login counts past their window (300 s) and lock-outs past their end go; a lock-out
    // still running, a count still in its window and an address seen lately stay; an address not
    // seen for 90 days goes. The table stays the size of what is live.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto at = [&now](qint64 seconds) {
        return now.addSecs(seconds).toString(Qt::ISODateWithMs);
    };
    struct Row
    {
        const char *key;
        qint64 lastAt;
        qint64 lockedUntil; // 0: none
        bool kept;
    };
    const QList<Row> rows{{"prune:old-count", -3600, 0, false},
                          {"prune:old-lock-over", -3600, -60, false},
                          {"prune:old-lock-running", -3600, 600, true},
                          {"prune:fresh-count", -10, 0, true},
                          {"known:prune-old-address", -91 * 86400, 0, false},
                          {"known:prune-recent-address", -30 * 86400, 0, true}};
    QStringList inserts;
    for (const Row &r : rows)
        inserts << QStringLiteral("INSERT INTO login_throttle (key, failures, locked_until, "
                                  "last_at) VALUES ('%1', 3, %2, '%3')")
                       .arg(QLatin1String(r.key),
                            r.lockedUntil ? QStringLiteral("'%1'").arg(at(r.lockedUntil))
                                          : QStringLiteral("NULL"),
                            at(r.lastAt));
    QVERIFY(execSql(m_db, inserts));
    const QString count = QStringLiteral(
        "SELECT count(*) FROM login_throttle WHERE key LIKE '%prune%'");
    QCOMPARE(sqlValue(m_db, count).toInt(), int(rows.size()));
    // A server starting prunes (and then every ten minutes).
    ServerProcess next;
    QVERIFY(next.start(m_db));
    QTRY_COMPARE_WITH_TIMEOUT(sqlValue(m_db, count).toInt(), 3, 5000);
    for (const Row &r : rows)
        QVERIFY2(sqlValue(m_db,
                          QStringLiteral("SELECT count(*) FROM login_throttle WHERE key = '%1'")
                              .arg(QLatin1String(r.key)))
                         .toInt()
                     == (r.kept ? 1 : 0),
                 r.key);
}

void TestServerLogins::readLeftOpenDoesNotLockWrites()
{
    // On SQLite a cached lookup left part-read keeps its snapshot; once another process writes to
    // the file, BEGIN IMMEDIATE failed at once ("database is locked") on every later request: every
    // login a 500. Adding a user whose name is taken left such a read; this process then writes.
    QCOMPARE(m_http
                 ->postJson(QStringLiteral("/api/v1/admin/users"),
                            {{QStringLiteral("username"), QStringLiteral("claire")},
                             {QStringLiteral("password"), kPassword},
                             {QStringLiteral("role"), QStringLiteral("clerk")}},
                            m_adminA)
                 .status,
             409);
    QVERIFY(
        execSql(m_db, {QStringLiteral("INSERT INTO login_throttle (key, failures, last_at) VALUES "
                                      "('another-process', 1, '2026-01-01T00:00:00.000Z')")}));
    for (int i = 0; i < 2; ++i) {
        const Response r = m_http->send("POST", QStringLiteral("/api/v1/login"),
                                        loginBody(QStringLiteral("claire"), kPassword), {});
        QVERIFY2(r.status == 200,
                 QByteArray(r.body + "\nserver log:\n" + m_server.stderrText().right(1500).toUtf8())
                     .constData());
    }
}

void TestServerLogins::loginsDoNotHoldUpOtherDesks()
{
    // Six desks log in at once: six Argon2id checks (64 MiB, 70-165 ms each here), made one at a
    // time on the server's password thread. Meanwhile another desk's requests, one after the other
    // as a desk sends them, are answered without waiting for those checks: several of them before
    // the first login is even answered. (With the checks on the request thread, each request
    // waited behind a check: one, perhaps two, before the first login.) An order, not a time.
    std::vector<std::unique_ptr<QNetworkAccessManager>> nams;
    int loginsDone = 0, loginsOk = 0, answeredBeforeFirstLogin = -1, answered = 0;
    for (int i = 0; i < 6; ++i) {
        nams.push_back(std::make_unique<QNetworkAccessManager>());
        QNetworkRequest req(QUrl(m_server.baseUrl() + QStringLiteral("/api/v1/login")));
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        req.setRawHeader("X-Real-IP", "198.51.100." + QByteArray::number(80 + i));
        QNetworkReply *reply = nams.back()->post(req,
                                                 loginBody(QStringLiteral("flood"), kPassword));
        connect(reply, &QNetworkReply::finished, this, [&, reply] {
            if (loginsDone++ == 0)
                answeredBeforeFirstLogin = answered;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            loginsOk += status == 200 ? 1 : 0;
            if (status != 200)
                qWarning("login answered %d: %s", status, reply->readAll().constData());
        });
    }
    QNetworkAccessManager desk;
    bool inFlight = false;
    std::function<void()> ask = [&] {
        if (loginsDone == 6)
            return;
        QNetworkRequest req(QUrl(m_server.baseUrl() + QStringLiteral("/api/v1/me")));
        req.setRawHeader("Authorization", "Bearer " + m_clerkA);
        inFlight = true;
        QNetworkReply *reply = desk.get(req);
        connect(reply, &QNetworkReply::finished, this, [&, reply] {
            inFlight = false;
            answered += reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200
                            ? 1
                            : 0;
            reply->deleteLater();
            ask();
        });
    };
    ask();
    QTRY_COMPARE_WITH_TIMEOUT(loginsDone, 6, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(!inFlight, 10000);
    {
        // The server's own words on a failed login (its log without the other desk's requests).
        QStringList lines;
        for (const QString &l : m_server.stderrText().split(u'\n'))
            if (!l.contains(QStringLiteral("route=\"GET"))
                && !l.contains(QStringLiteral("sync/push")))
                lines << l;
        QVERIFY2(loginsOk == 6, qPrintable(lines.join(u'\n').right(800)));
    }
    qInfo("%d requests answered before the first login, %d in all", answeredBeforeFirstLogin,
          answered);
    QVERIFY2(answeredBeforeFirstLogin >= 3,
             qPrintable(QStringLiteral("%1 answered before the first login, %2 in all")
                            .arg(answeredBeforeFirstLogin)
                            .arg(answered)));
}

void TestServerLogins::throttledLoginsCostNoCheck()
{
    // A throttled login is refused before its password is looked at: no Argon2id check. Checks run
    // one at a time on the server's password thread, so a throttled login that was checked would
    // wait behind a check already running; one that is not is answered while it runs. A login of
    // another clerk starts a check, then four throttled guesses follow: all four are answered
    // before that login. An order, not a time.
    const QString path = QStringLiteral("/api/v1/login");
    for (int i = 0; i < 3; ++i) // three wrong guesses from one address: that name is locked there
        QCOMPARE(m_http
                     ->send("POST", path,
                            loginBody(QStringLiteral("flood"), QStringLiteral("guess %1").arg(i)),
                            fromAddress("192.0.2.77"))
                     .status,
                 401);
    QCOMPARE(m_http
                 ->send("POST", path, loginBody(QStringLiteral("flood"), kPassword),
                        fromAddress("192.0.2.77"))
                 .status,
             429);

    std::vector<std::unique_ptr<QNetworkAccessManager>> nams;
    QStringList order;
    const auto post = [&](const QString &user, const QByteArray &address, const QString &name) {
        nams.push_back(std::make_unique<QNetworkAccessManager>());
        QNetworkRequest req(QUrl(m_server.baseUrl() + path));
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        req.setRawHeader("X-Real-IP", address);
        QNetworkReply *reply = nams.back()->post(req, loginBody(user, kPassword));
        connect(reply, &QNetworkReply::finished, this, [&order, reply, name] {
            order << name + QLatin1Char('=')
                         + QString::number(
                             reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt());
        });
    };
    post(QStringLiteral("many"), "198.51.100.90", QStringLiteral("checked"));
    for (int i = 0; i < 4; ++i)
        post(QStringLiteral("flood"), "192.0.2.77", QStringLiteral("throttled"));
    QTRY_COMPARE_WITH_TIMEOUT(order.size(), 5, 30000);
    QCOMPARE(order.last(), QStringLiteral("checked=200"));
    QCOMPARE(order.count(QStringLiteral("throttled=429")), 4);
}

void TestServerLogins::reconnectDuringLogin()
{
    if (!usingPostgres())
        QSKIP("PostgreSQL only: an SQLite file has no connection to lose");
    // The connection dies while the password is being checked: the login still succeeds.
    QNetworkAccessManager nam;
    for (int i = 0; i < 3; ++i) {
        QNetworkRequest req(QUrl(m_server.baseUrl() + QStringLiteral("/api/v1/login")));
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        QNetworkReply *reply = nam.post(req, loginBody(QStringLiteral("clerk_a"), kPassword));
        QTest::qWait(5);
        QVERIFY(terminateConnections(m_db));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        QVERIFY2(status == 200,
                 QByteArray(body + "\nserver log:\n" + m_server.stderrText().right(3000).toUtf8())
                     .constData());
        const QByteArray token = QJsonDocument::fromJson(body)
                                     .object()
                                     .value(QStringLiteral("token"))
                                     .toString()
                                     .toLatin1();
        QCOMPARE(m_http->get(QStringLiteral("/api/v1/me"), token).status, 200);
        reply->deleteLater();
    }
}

void TestServerLogins::reconnectFoundByPrepare()
{
    if (!usingPostgres())
        QSKIP("PostgreSQL only: an SQLite file has no connection to lose");
    // After a reconnect the server prepares each statement again on first use. When the connection
    // is lost before that, the PREPARE is what fails: it must reconnect as a failed EXECUTE does.
    // /me runs on a lost connection (reconnects, prepares only its own statements), then the
    // connection is lost again before a login, whose statements are not prepared on it yet.
    const QByteArray token = m_http->login(QStringLiteral("claire"), kPassword);
    QVERIFY(!token.isEmpty());
    for (int i = 0; i < 2; ++i) {
        QVERIFY(terminateConnections(m_db));
        QCOMPARE(m_http->get(QStringLiteral("/api/v1/me"), token).status, 200);
        QVERIFY(terminateConnections(m_db));
        const Response r = m_http->send("POST", QStringLiteral("/api/v1/login"),
                                        loginBody(QStringLiteral("admin_b"), kPassword), {});
        QVERIFY2(r.status == 200,
                 QByteArray(r.body + "\nserver log:\n" + m_server.stderrText().right(2000).toUtf8())
                     .constData());
    }
}

QTEST_GUILESS_MAIN(TestServerLogins)
#include "tst_server_logins.moc"
