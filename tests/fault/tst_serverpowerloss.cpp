// Power cuts below the server's SQLite store (tests/fault/faultvfs.h), in this process: the store of
// relais-server (relais_server_core) takes a number lease and pushes of a desk's operations, and
// the power goes out at every point where it changes a file. With synchronous=FULL (what the store
// sets) every push that returned is there afterwards, with the desk's last number, and the file is
// sound; with synchronous=NORMAL the same test finds acknowledged pushes gone.

#include "faultvfs.h"
#include "powercut.h"
#include "serverstore.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace Relais;
using namespace Relais::Server;
using namespace Relais::Test;

namespace {

constexpr int kPushes = 4;
constexpr int kOpsPerPush = 3;
const QString kDesk = QStringLiteral("5b0c1f52-3d2e-4f7a-9a51-0c6f1f0e2a11");

QList<QJsonObject> s_rows;

struct Saved
{
    QString what;
    QString sql;
    QVariantList binds;
    QVariant expected; // a count or a minimum
};

// The value of `sql` on a plain connection to the server file.
QVariant valueOn(const QString &path, const QString &sql, const QVariantList &binds)
{
    QVariant v;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                    QStringLiteral("check"));
        db.setDatabaseName(path);
        if (db.open())
            v = PowerCut::scalar(db, sql, binds);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
    return v;
}

bool soundFile(const QString &path, QString *detail)
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                    QStringLiteral("check"));
        db.setDatabaseName(path);
        ok = db.open() && PowerCut::integrityOk(db, detail);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
    return ok;
}

// The store's own connection, for the NORMAL run (the store sets FULL when it opens).
void setSynchronous(const QString &mode)
{
    for (const QString &name : QSqlDatabase::connectionNames()) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            QSqlQuery(db).exec(QStringLiteral("PRAGMA synchronous = ") + mode);
    }
}

// A desk's day seen from the server: a lease of numbers, then pushes of new subscribers.
void serverWork(const QString &url, const QString &synchronous, QList<Saved> &saved)
{
    auto opened = ServerStore::open(url);
    if (!opened)
        return;
    std::unique_ptr<ServerStore> store = std::move(opened).value();
    setSynchronous(synchronous);
    auto publisher = store->publisherByCode(QStringLiteral("OUEST"));
    if (!publisher || !*publisher)
        return;
    const Caller caller{QStringLiteral("clerk"), Role::Clerk, (*publisher)->id};
    auto lease = store->leaseNumbers(caller, kDesk, 100);
    if (!lease)
        return;
    saved << Saved{QStringLiteral("lease"),
                   QStringLiteral("SELECT count(*) FROM number_leases"),
                   {},
                   1};
    qint64 seq = 0;
    for (int p = 0; p < kPushes; ++p) {
        Protocol::PushRequest request;
        request.deskId = kDesk;
        for (int i = 0; i < kOpsPerPush; ++i) {
            const int n = p * kOpsPerPush + i;
            const QJsonObject &row = s_rows.at(n);
            Protocol::PushOperation op;
            op.seq = ++seq;
            op.opId = QUuid::createUuidV5(QUuid(kDesk), QString::number(op.seq))
                          .toString(QUuid::WithoutBraces);
            op.operation = QStringLiteral("subscriber.create");
            op.entity = QStringLiteral("subscriber");
            op.entityId = row.value(QStringLiteral("id")).toString();
            for (auto it = row.begin(); it != row.end(); ++it) {
                if (it.key() == u"id" || it.key() == u"updated_at" || it.key() == u"updated_by")
                    continue;
                op.fields.insert(it.key(), it->isDouble() ? QVariant(qint64(it->toInteger()))
                                           : it->isNull() ? QVariant()
                                                          : QVariant(it->toString()));
            }
            op.fields.insert(QStringLiteral("publisher_id"), caller.publisherId);
            op.fields.insert(QStringLiteral("number"), lease->first + n);
            op.clerk = QStringLiteral("clerk");
            op.at = QStringLiteral("2026-12-03T10:00:00.000Z");
            op.schemaVersion = 1;
            request.ops << op;
        }
        auto outcome = store->push(caller, request);
        if (!outcome)
            return;
        for (const Protocol::OpResult &r : std::as_const(outcome->results))
            if (r.status != Protocol::OpStatus::Applied)
                qFatal("push refused: %s %s", qPrintable(r.code), qPrintable(r.message));
        for (const Protocol::PushOperation &op : std::as_const(request.ops))
            saved << Saved{QStringLiteral("subscriber of op %1").arg(op.seq),
                           QStringLiteral("SELECT count(*) FROM subscriber WHERE id = ?"),
                           {op.entityId},
                           1};
        saved << Saved{
            QStringLiteral("desk's last number %1").arg(seq),
            QStringLiteral(
                "SELECT CASE WHEN last_seq >= ? THEN 1 ELSE 0 END FROM desks WHERE id = ?"),
            {seq, kDesk},
            1};
    }
}

} // namespace

class tst_ServerPowerLoss : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void push_data();
    void push();
    void pushOnFullDisk();

private:
    QTemporaryDir m_dir;
};

void tst_ServerPowerLoss::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QLoggingCategory::setFilterRules(QStringLiteral("relais.*.warning=false"));
    FaultVfs::install();
    s_rows = rowsFromAnotherDesk(m_dir.filePath(QStringLiteral("source.sqlite")),
                                 kPushes * kOpsPerPush);
    const QString url = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("template.db"));
    auto opened = ServerStore::open(url);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().fullText()));
    std::unique_ptr<ServerStore> store = std::move(opened).value();
    QVERIFY(store->init());
    QVERIFY(store->addPublisher(QStringLiteral("OUEST"), QStringLiteral("Ouest Médias")));
    QVERIFY(store->addUser(QStringLiteral("clerk"), Role::Clerk, QStringLiteral("OUEST"),
                           QStringLiteral("x")));
}

void tst_ServerPowerLoss::push_data()
{
    QTest::addColumn<QString>("synchronous");
    QTest::newRow("FULL") << QStringLiteral("FULL");
    QTest::newRow("NORMAL") << QStringLiteral("NORMAL");
}

void tst_ServerPowerLoss::push()
{
    QFETCH(QString, synchronous);
    const QString folder = m_dir.filePath(QStringLiteral("run-") + synchronous);
    QVERIFY(QDir().mkpath(folder));
    FaultVfs::watch(folder);
    const QString path = folder + QStringLiteral("/server.db");
    const QString url = QStringLiteral("sqlite:") + path;
    auto fresh = [&] {
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(path + suffix);
        QVERIFY(QFile::copy(m_dir.filePath(QStringLiteral("template.db")), path));
    };

    fresh();
    FaultVfs::reset();
    {
        QList<Saved> saved;
        serverWork(url, synchronous, saved);
        QCOMPARE(saved.size(), 1 + kPushes * (kOpsPerPush + 1));
    }
    const long long total = FaultVfs::mutatingCalls();
    QVERIFY(total > 10);

    int points = 0, checked = 0, lost = 0;
    for (long long at = 1; at <= total; ++at) {
        fresh();
        FaultVfs::reset();
        FaultVfs::cutPowerAt(at);
        QList<Saved> saved;
        serverWork(url, synchronous, saved);
        ++points;
        FaultVfs::restorePower();
        QString detail;
        QVERIFY2(soundFile(path, &detail),
                 qPrintable(QStringLiteral("cut %1: %2").arg(at).arg(detail)));
        for (const Saved &s : std::as_const(saved)) {
            ++checked;
            if (valueOn(path, s.sql, s.binds) != s.expected) {
                ++lost;
                if (synchronous == u"FULL")
                    qWarning("cut %lld of %lld: lost %s", at, total, qPrintable(s.what));
            }
        }
    }
    qInfo("server power cuts, synchronous=%s: %d cut points tried, %d acknowledged writes checked, "
          "%d lost",
          qPrintable(synchronous), points, checked, lost);
    QVERIFY(checked > 0);
    if (synchronous == u"FULL")
        QCOMPARE(lost, 0);
    else
        QVERIFY2(lost > 0, "synchronous=NORMAL lost nothing: the power cut is not simulated");
}

// The disk fills up at each point of a push: the push fails whole (no row, the desk's number
// unchanged), the store says why, and the same push goes through once space returns, applied once.
void tst_ServerPowerLoss::pushOnFullDisk()
{
    const QString folder = m_dir.filePath(QStringLiteral("full"));
    QVERIFY(QDir().mkpath(folder));
    FaultVfs::watch(folder);
    const QString path = folder + QStringLiteral("/server.db");
    const QString url = QStringLiteral("sqlite:") + path;
    Protocol::PushRequest request;
    int points = 0, refused = 0;
    QStringList codes;
    for (long long at = 1; at <= 400; ++at) {
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(path + suffix);
        QVERIFY(QFile::copy(m_dir.filePath(QStringLiteral("template.db")), path));
        auto opened = ServerStore::open(url);
        QVERIFY(opened);
        std::unique_ptr<ServerStore> store = std::move(opened).value();
        auto publisher = store->publisherByCode(QStringLiteral("OUEST"));
        QVERIFY(publisher && *publisher);
        const Caller caller{QStringLiteral("clerk"), Role::Clerk, (*publisher)->id};
        auto lease = store->leaseNumbers(caller, kDesk, 100);
        QVERIFY(lease);
        request = Protocol::PushRequest{};
        request.deskId = kDesk;
        for (int i = 0; i < kOpsPerPush; ++i) {
            const QJsonObject &row = s_rows.at(i);
            Protocol::PushOperation op;
            op.seq = i + 1;
            op.opId = QUuid::createUuidV5(QUuid(kDesk), QString::number(op.seq))
                          .toString(QUuid::WithoutBraces);
            op.operation = QStringLiteral("subscriber.create");
            op.entity = QStringLiteral("subscriber");
            op.entityId = row.value(QStringLiteral("id")).toString();
            for (auto it = row.begin(); it != row.end(); ++it)
                if (it.key() != u"id" && it.key() != u"updated_at" && it.key() != u"updated_by")
                    op.fields.insert(it.key(), it->isDouble() ? QVariant(qint64(it->toInteger()))
                                               : it->isNull() ? QVariant()
                                                              : QVariant(it->toString()));
            op.fields.insert(QStringLiteral("publisher_id"), caller.publisherId);
            op.fields.insert(QStringLiteral("number"), lease->first + i);
            op.clerk = QStringLiteral("clerk");
            op.at = QStringLiteral("2026-12-03T10:00:00.000Z");
            op.schemaVersion = 1;
            request.ops << op;
        }
        FaultVfs::reset();
        FaultVfs::fillDiskAt(at);
        auto outcome = store->push(caller, request);
        const bool wasFull = FaultVfs::fullRefusals() > 0;
        FaultVfs::freeDisk();
        if (!wasFull) {
            QVERIFY(outcome);
            break; // the disk filled after the push: every point was tried
        }
        ++points;
        if (outcome) {
            // A write refused and retried inside SQLite's own cache spill, say: the push still
            // went through whole.
            QCOMPARE(valueOn(path, QStringLiteral("SELECT count(*) FROM subscriber"), {}).toInt(),
                     kOpsPerPush);
            continue;
        }
        ++refused;
        if (!codes.contains(outcome.error().code))
            codes << outcome.error().code;
        QCOMPARE(outcome.error().kind, ErrorKind::Storage);
        // Nothing of it is there, and the desk's number did not move.
        QCOMPARE(valueOn(path, QStringLiteral("SELECT count(*) FROM subscriber"), {}).toInt(), 0);
        QCOMPARE(valueOn(path, QStringLiteral("SELECT count(*) FROM ops"), {}).toInt(), 0);
        // Space is back: the same push, on the same open store, is applied once.
        auto again = store->push(caller, request);
        QVERIFY2(again, qPrintable(again ? QString() : again.error().fullText()));
        for (const Protocol::OpResult &r : std::as_const(again->results))
            QVERIFY(r.status == Protocol::OpStatus::Applied && !r.repeated);
        QCOMPARE(valueOn(path, QStringLiteral("SELECT count(*) FROM subscriber"), {}).toInt(),
                 kOpsPerPush);
        QString detail;
        QVERIFY2(soundFile(path, &detail), qPrintable(detail));
    }
    qInfo("server full disk: %d points of a push tried, %d pushes refused whole (codes: %s) and "
          "applied once "
          "when space returned",
          points, refused, qPrintable(codes.join(QStringLiteral(", "))));
    QVERIFY(refused > 0);
}

QTEST_GUILESS_MAIN(tst_ServerPowerLoss)
#include "tst_serverpowerloss.moc"
