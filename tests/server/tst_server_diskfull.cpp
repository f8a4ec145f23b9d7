// relais-server on a disk that fills up (SQLite, made full to order with RELAIS_SQLITE_MAX_PAGES:
// SQLite then answers SQLITE_FULL as on a full disk). A push that cannot be written is answered
// 503 storage.full with Retry-After, nothing of it is half-applied, every push answered 200 before
// is there, and once there is room again the same push goes through, applied once.

#include "fakedesk.h"
#include "serverharness.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Relais::Test;

namespace {
const QString kPassword = QStringLiteral("correct horse battery staple");
}

class TestServerDiskFull : public QObject
{
    Q_OBJECT

private slots:
    void fullDiskRefusesPushWhole_data();
    void fullDiskRefusesPushWhole();
};

void TestServerDiskFull::fullDiskRefusesPushWhole_data()
{
    QTest::addColumn<int>("perPush");
    QTest::addColumn<int>("roomPages"); // beyond the file's size when the server starts
    QTest::newRow("pushes of 20") << 20 << 60;
    QTest::newRow("pushes of 200") << 200 << 300;
}

void TestServerDiskFull::fullDiskRefusesPushWhole()
{
    QFETCH(int, perPush);
    QFETCH(int, roomPages);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("central.db"));
    const QString db = QStringLiteral("sqlite:") + path;
    const QString passwordFile = dir.filePath(QStringLiteral("password"));
    {
        QFile f(passwordFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kPassword.toUtf8() + "\n");
    }
    QCOMPARE(runCli({QStringLiteral("--db"), db, QStringLiteral("init")}).exitCode, 0);
    QCOMPARE(runCli({QStringLiteral("--db"), db, QStringLiteral("publisher"), QStringLiteral("add"),
                     QStringLiteral("OUEST"), QStringLiteral("--name"), QStringLiteral("Ouest")})
                 .exitCode,
             0);
    QCOMPARE(runCli({QStringLiteral("--db"), db, QStringLiteral("user"), QStringLiteral("add"),
                     QStringLiteral("clerk"), QStringLiteral("--role"), QStringLiteral("clerk"),
                     QStringLiteral("--publisher"), QStringLiteral("OUEST"),
                     QStringLiteral("--password-file"), passwordFile})
                 .exitCode,
             0);
    const int pagesNow = sqlValue(db, QStringLiteral("PRAGMA page_count")).toInt();
    QVERIFY(pagesNow > 0);

    FakeDesk desk;
    QList<QJsonObject> pushes;
    for (int p = 0; p < 1200 / perPush; ++p) {
        QJsonArray ops;
        for (int i = 0; i < perPush; ++i) {
            QJsonObject row = subscriberRow(1000 + p * perPush + i,
                                            QStringLiteral("Durand%1").arg(p * perPush + i));
            row.insert(QStringLiteral("notes"), QString(400, u'n'));
            ops << desk.op(QStringLiteral("subscriber.create"), QStringLiteral("subscriber"),
                           uuid(), row);
        }
        pushes << desk.push(ops);
    }

    int applied = 0;
    int refusedAt = -1;
    {
        // Room for some pushes, not for all.
        qputenv("RELAIS_SQLITE_MAX_PAGES", QByteArray::number(pagesNow + roomPages));
        ServerProcess server;
        // In English: the detail of the refusal is compared below.
        const bool started = server.start(db, {QStringLiteral("--language"), QStringLiteral("en")});
        qunsetenv("RELAIS_SQLITE_MAX_PAGES");
        QVERIFY(started);
        Http http(server.baseUrl());
        const QByteArray token = http.login(QStringLiteral("clerk"), kPassword);
        QVERIFY(!token.isEmpty());
        for (int p = 0; p < pushes.size() && refusedAt < 0; ++p) {
            const Response r = http.postJson(QStringLiteral("/api/v1/sync/push"), pushes.at(p),
                                             token);
            if (r.status == 200) {
                applied += int(r.json.value(QStringLiteral("results")).toArray().size());
                continue;
            }
            QCOMPARE(r.status, 503);
            QCOMPARE(r.code(), QStringLiteral("storage.full"));
            QCOMPARE(r.header("Retry-After"), QByteArray("60"));
            QVERIFY2(r.json.value(QStringLiteral("detail"))
                         .toString()
                         .contains(QStringLiteral("Nothing was changed")),
                     r.body.constData());
            refusedAt = p;
        }
        QVERIFY2(refusedAt > 0, "the disk should fill after at least one push");
        // The server is still up and answers what needs no room.
        QCOMPARE(http.get(QStringLiteral("/api/v1/sync/pull?since=0&limit=1"), token).status, 200);
    }
    // Every push answered 200 is there, and nothing of the refused one.
    QCOMPARE(sqlValue(db, QStringLiteral("SELECT count(*) FROM subscriber")).toInt(), applied);
    QCOMPARE(sqlValue(db, QStringLiteral("SELECT count(*) FROM ops")).toInt(), applied);
    QCOMPARE(sqlValue(db,
                      QStringLiteral("SELECT count(*) FROM change_log WHERE entity = 'subscriber'"))
                 .toInt(),
             applied);
    QCOMPARE(sqlValue(db, QStringLiteral("PRAGMA integrity_check")).toString(),
             QStringLiteral("ok"));

    // Room again: the refused push and the rest go through, each operation applied once.
    ServerProcess server;
    QVERIFY(server.start(db));
    Http http(server.baseUrl());
    const QByteArray token = http.login(QStringLiteral("clerk"), kPassword);
    for (int p = refusedAt; p < pushes.size(); ++p) {
        const Response r = http.postJson(QStringLiteral("/api/v1/sync/push"), pushes.at(p), token);
        QCOMPARE(r.status, 200);
        for (const QJsonValue &v : r.json.value(QStringLiteral("results")).toArray())
            QCOMPARE(v.toObject().value(QStringLiteral("status")).toString(),
                     QStringLiteral("applied"));
    }
    QCOMPARE(sqlValue(db, QStringLiteral("SELECT count(*) FROM subscriber")).toInt(),
             int(pushes.size()) * perPush);
}

QTEST_GUILESS_MAIN(TestServerDiskFull)
#include "tst_server_diskfull.moc"
