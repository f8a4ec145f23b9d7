// relais-server killed (SIGKILL) while a desk pushes: after each restart the desk sends its
// unacknowledged batch again. Nothing acknowledged may be lost, nothing applied twice, and the global
// sequence must stay gap-free. On SQLite, and on PostgreSQL under run-with-postgres.sh.
// The server marks each step of a push transaction in a file (RELAIS_TEST_TX_MARKER, push.cpp): most
// kills wait until the marker shows a transaction open, the others fall at a random moment; after
// each kill the marker's last line says where it landed, and the test requires kills inside a
// transaction instead of trusting that some must have.

#include "fakedesk.h"
#include "serverharness.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace Relais::Test;

namespace {
const QString kPassword = QStringLiteral("correct horse battery staple");
constexpr int kBatches = 40;
constexpr int kOpsPerBatch = 50;

// The last step the server marked (RELAIS_TEST_TX_MARKER): "begin", "commit", "committed",
// "rolled back", or empty before any push.
QByteArray lastMark(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    return lines.last().trimmed();
}
} // namespace

class TestServerFaults : public QObject
{
    Q_OBJECT

private slots:
    void killedDuringPushes();
    void killedDuringRestore();

private:
    // A new database with publisher OUEST and one user of `role` (named after it); empty on failure.
    QString makeDatabase(const QString &name, const QString &role);
    QTemporaryDir m_dir;
};

QString TestServerFaults::makeDatabase(const QString &name, const QString &role)
{
    const QString db = freshDatabaseUrl(name);
    const QString pw = m_dir.filePath(QStringLiteral("pw"));
    QFile f(pw);
    if (db.isEmpty() || !f.open(QIODevice::WriteOnly))
        return {};
    f.write(kPassword.toUtf8());
    f.close();
    const QStringList base{QStringLiteral("--db"), db};
    const bool ok = runCli(base + QStringList{QStringLiteral("init")}).exitCode == 0
                    && runCli(base
                              + QStringList{QStringLiteral("publisher"), QStringLiteral("add"),
                                            QStringLiteral("OUEST"), QStringLiteral("--name"),
                                            QStringLiteral("Ouest")})
                               .exitCode
                           == 0
                    && runCli(base
                              + QStringList{QStringLiteral("user"), QStringLiteral("add"), role,
                                            QStringLiteral("--role"), role,
                                            QStringLiteral("--publisher"), QStringLiteral("OUEST"),
                                            QStringLiteral("--password-file"), pw})
                               .exitCode
                           == 0;
    return ok ? db : QString();
}

void TestServerFaults::killedDuringPushes()
{
    const QString db = makeDatabase(QStringLiteral("relais_faults"), QStringLiteral("clerk"));
    QVERIFY(!db.isEmpty());
    // Every server started below inherits it.
    const QString marker = m_dir.filePath(QStringLiteral("tx.marker"));
    qputenv("RELAIS_TEST_TX_MARKER", QFile::encodeName(marker));
    const auto unset = qScopeGuard([] { qunsetenv("RELAIS_TEST_TX_MARKER"); });

    ServerProcess server;
    QVERIFY(server.start(db));
    QByteArray token = Http(server.baseUrl()).login(QStringLiteral("clerk"), kPassword);
    QVERIFY(!token.isEmpty());

    FakeDesk desk;
    QList<QJsonObject> batches;
    QStringList ids;
    for (int b = 0; b < kBatches; ++b) {
        QJsonArray ops;
        for (int i = 0; i < kOpsPerBatch; ++i) {
            ids << uuid();
            ops.append(desk.op(QStringLiteral("subscriber.create"), QStringLiteral("subscriber"),
                               ids.last(), subscriberRow(ids.size(), QStringLiteral("Panne"))));
        }
        batches << desk.push(ops);
    }

    QNetworkAccessManager nam;
    int kills = 0, inside = 0, committing = 0;
    int repeatedOps = 0;
    int appliedOps = 0;
    QRandomGenerator rng(20260301);
    for (int b = 0; b < kBatches;) {
        QNetworkRequest req(QUrl(server.baseUrl() + QStringLiteral("/api/v1/sync/push")));
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        req.setRawHeader("Authorization", QByteArray("Bearer ") + token);
        const qint64 markedBefore = QFileInfo(marker).size();
        QNetworkReply *reply = nam.post(req, QJsonDocument(batches.at(b))
                                                 .toJson(QJsonDocument::Compact));
        // A third of the pushes meet a kill: two in three of those as soon as this push's transaction
        // is open (the marker's last line is a new "begin"), the others at a random moment (before,
        // during or after the commit).
        const bool kill = rng.bounded(3) == 0;
        if (kill) {
            if (rng.bounded(3) < 2) {
                QDeadlineTimer deadline(10000);
                while (
                    !reply->isFinished() && !deadline.hasExpired()
                    && !(QFileInfo(marker).size() > markedBefore && lastMark(marker) == "begin")) {
                    QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
                    QThread::usleep(100);
                }
            } else {
                QTest::qWait(int(rng.bounded(25)));
            }
            server.kill();
            ++kills;
            // The server is dead: its last mark is where the kill landed.
            const QByteArray landed = lastMark(marker);
            inside += landed == "begin";
            committing += landed == "commit";
        }
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        if (kill) {
            // The answer, if any came, is forgotten: the desk only knows it must send again.
            QVERIFY(server.start(db));
            token = Http(server.baseUrl()).login(QStringLiteral("clerk"), kPassword);
            QVERIFY(!token.isEmpty());
            continue;
        }
        QCOMPARE(status, 200);
        for (const QJsonValue &v : body.value(QStringLiteral("results")).toArray()) {
            const QJsonObject r = v.toObject();
            QCOMPARE(r.value(QStringLiteral("status")).toString(), QStringLiteral("applied"));
            if (r.value(QStringLiteral("repeated")).toBool())
                ++repeatedOps;
            else
                ++appliedOps;
        }
        QCOMPARE(body.value(QStringLiteral("last_seq")).toInteger(), qint64(b + 1) * kOpsPerBatch);
        ++b;
    }
    qInfo("%d kills; %d operations applied on their last send, %d answered as repeats", kills,
          appliedOps, repeatedOps);
    // scripts/test.sh requires this line, with at least one kill inside a transaction.
    qInfo("server kills inside a transaction: %d of %d (%d more during COMMIT, the rest between "
          "pushes)",
          inside, kills, committing);
    QVERIFY2(inside > 0, "no kill landed inside a push transaction");
    QCOMPARE(appliedOps + repeatedOps, kBatches * kOpsPerBatch);

    // Everything once, in a gap-free sequence.
    Http http(server.baseUrl());
    qint64 since = 0;
    QList<qint64> seqs;
    QSet<QString> seen;
    for (int guard = 0; guard < 100; ++guard) {
        const Response r = http.get(QStringLiteral(
                                        "/api/v1/sync/pull?since=%1&limit=1000&desk_id=%2")
                                        .arg(since)
                                        .arg(desk.id()),
                                    token);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("desk_last_seq")).toInteger(), desk.lastSeq());
        for (const QJsonValue &v : r.json.value(QStringLiteral("changes")).toArray()) {
            seqs << v.toObject().value(QStringLiteral("seq")).toInteger();
            const QString id = v.toObject().value(QStringLiteral("id")).toString();
            QVERIFY2(!seen.contains(id), "a create was applied twice");
            seen.insert(id);
        }
        since = r.json.value(QStringLiteral("next")).toInteger();
        if (!r.json.value(QStringLiteral("more")).toBool())
            break;
    }
    QCOMPARE(seqs.size(), kBatches * kOpsPerBatch);
    for (int i = 0; i < seqs.size(); ++i)
        QCOMPARE(seqs.at(i), qint64(i + 1));
    QCOMPARE(seen, QSet<QString>(ids.cbegin(), ids.cend()));
}

// relais-server restore killed at chosen moments: the database is either as it was (old epoch,
// every later change still there) or wholly restored (new epoch, every row back), never between.
void TestServerFaults::killedDuringRestore()
{
    const QString db = makeDatabase(QStringLiteral("relais_faults_restore"),
                                    QStringLiteral("supervisor"));
    QVERIFY(!db.isEmpty());
    const QStringList base{QStringLiteral("--db"), db};
    ServerProcess server;
    QVERIFY(server.start(db));
    Http http(server.baseUrl());
    const QByteArray token = http.login(QStringLiteral("supervisor"), kPassword);
    QVERIFY(!token.isEmpty());

    // 4,000 subscribers, a backup, then every one renamed: a restore has 4,000 rows to put back.
    constexpr int kRows = 4000;
    FakeDesk desk;
    QStringList ids;
    for (int b = 0; b < kRows / 500; ++b) {
        QJsonArray ops;
        for (int i = 0; i < 500; ++i) {
            ids << uuid();
            ops.append(desk.op(QStringLiteral("subscriber.create"), QStringLiteral("subscriber"),
                               ids.last(), subscriberRow(ids.size(), QStringLiteral("Avant"))));
        }
        QCOMPARE(http.postJson(QStringLiteral("/api/v1/sync/push"), desk.push(ops), token).status,
                 200);
    }
    const QString backup = m_dir.filePath(QStringLiteral("before.backup"));
    QCOMPARE(runCli(base + QStringList{QStringLiteral("backup"), QStringLiteral("--out"), backup})
                 .exitCode,
             0);
    for (int b = 0; b < kRows / 500; ++b) {
        QJsonArray ops;
        for (int i = 0; i < 500; ++i)
            ops.append(desk.op(QStringLiteral("subscriber.update"), QStringLiteral("subscriber"),
                               ids.at(b * 500 + i),
                               {{QStringLiteral("last_name"), QStringLiteral("Apres")}},
                               {{QStringLiteral("last_name"), QStringLiteral("Avant")}}));
        QCOMPARE(http.postJson(QStringLiteral("/api/v1/sync/push"), desk.push(ops), token).status,
                 200);
    }
    const auto names = [&]() {
        QHash<QString, int> count;
        const Response r = http.get(QStringLiteral(
                                        "/api/v1/sync/snapshot?table=subscriber&limit=20000"),
                                    token);
        for (const QJsonValue &v : r.json.value(QStringLiteral("rows")).toArray())
            ++count[v.toObject().value(QStringLiteral("last_name")).toString()];
        return count;
    };
    const auto epoch = [&]() {
        return http.get(QStringLiteral("/api/v1/health"))
            .json.value(QStringLiteral("epoch"))
            .toString();
    };
    const QString epochBefore = epoch();
    QCOMPARE(names().value(QStringLiteral("Apres")), kRows);

    int killed = 0;
    for (int delayMs : {5, 30, 80, 150, 300}) {
        QProcess restore;
        restore.start(serverBinary(), base + QStringList{QStringLiteral("restore"), backup});
        QVERIFY(restore.waitForStarted());
        QTest::qWait(delayMs);
        if (restore.state() == QProcess::Running) {
            restore.kill();
            ++killed;
        }
        restore.waitForFinished(30000);
        const QString e = epoch();
        const QHash<QString, int> n = names();
        if (e == epochBefore) {
            QCOMPARE(n.value(QStringLiteral("Apres")), kRows); // untouched
        } else {
            QCOMPARE(n.value(QStringLiteral("Avant")), kRows); // wholly restored
            break;
        }
    }
    qInfo("%d restores killed before they finished", killed);
    QVERIFY(killed > 0);
    // And one left to finish: every row back, in a new epoch.
    QCOMPARE(runCli(base + QStringList{QStringLiteral("restore"), backup}).exitCode, 0);
    QVERIFY(epoch() != epochBefore);
    QCOMPARE(names().value(QStringLiteral("Avant")), kRows);
}

QTEST_GUILESS_MAIN(TestServerFaults)
#include "tst_server_faults.moc"
