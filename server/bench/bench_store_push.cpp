// The server's own time for a push of N subscriber creations (the desk's 1,000 per request), in
// this process, on a fresh SQLite store with synchronous=FULL: wall and CPU time of
// ServerStore::push() alone, without HTTP, JSON of the request or a desk. Beside it, in the same
// run, the same rows written by a plain INSERT loop in one transaction, and the push again with
// the rows written through QSqlQuery (RELAIS_SERVER_PORTABLE_INSERTS=1, the PostgreSQL path).
// Not a test: no assertion. docs/benchmarks.md, "Desk sync".
//
//   bench_store_push [OPERATIONS=10000] [BATCH=1000]

#include "fakedesk.h"
#include "protocol.h"
#include "serverstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>
#include <ctime>

using namespace Relais;
using namespace Relais::Server;

namespace {

double cpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1000.0 + double(t.tv_nsec) / 1e6;
}

struct Figures
{
    double wallMs = 0, cpuMs = 0;
    int applied = 0;
};

Figures pushRun(const QString &path, int ops, int batch)
{
    Figures f;
    auto store = ServerStore::open(QStringLiteral("sqlite:") + path);
    if (!store) {
        std::fprintf(stderr, "open: %s\n", qPrintable(store.error().fullText()));
        return f;
    }
    ServerStore &s = **store;
    if (Status st = s.init(); !st) {
        std::fprintf(stderr, "init: %s\n", qPrintable(st.error().fullText()));
        return f;
    }
    auto pub = s.addPublisher(QStringLiteral("OUEST"), QStringLiteral("Ouest"));
    if (!pub)
        return f;
    const Caller caller{QStringLiteral("bench"), Role::Clerk, pub->id};
    Test::FakeDesk desk;
    auto lease = s.leaseNumbers(caller, desk.id(), ops);
    if (!lease) {
        std::fprintf(stderr, "lease: %s\n", qPrintable(lease.error().fullText()));
        return f;
    }
    // Requests built and parsed before the clock starts: the store's work only.
    QList<Protocol::PushRequest> requests;
    for (int done = 0; done < ops; done += batch) {
        QJsonArray list;
        for (int i = done; i < qMin(ops, done + batch); ++i)
            list << desk.op(QStringLiteral("subscriber.create"), QStringLiteral("subscriber"),
                            Test::uuid(),
                            Test::subscriberRow(lease->first + i,
                                                QStringLiteral("Dupont%1").arg(i)));
        auto req = Protocol::parsePushRequest(desk.push(list));
        if (!req) {
            std::fprintf(stderr, "request: %s\n", qPrintable(req.error().fullText()));
            return f;
        }
        requests << *req;
    }
    QElapsedTimer t;
    t.start();
    const double c0 = cpuMs();
    for (const Protocol::PushRequest &r : std::as_const(requests)) {
        auto out = s.push(caller, r);
        if (!out) {
            std::fprintf(stderr, "push: %s\n", qPrintable(out.error().fullText()));
            return f;
        }
        for (const Protocol::OpResult &res : out->results)
            f.applied += res.status == Protocol::OpStatus::Applied ? 1 : 0;
    }
    f.cpuMs = cpuMs() - c0;
    f.wallMs = double(t.nsecsElapsed()) / 1e6;
    return f;
}

double plainLoop(const QString &path, int ops)
{
    QElapsedTimer t;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                    QStringLiteral("plain"));
        db.setDatabaseName(path);
        db.open();
        QSqlQuery q(db);
        q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        q.exec(QStringLiteral("PRAGMA synchronous=FULL"));
        q.exec(QStringLiteral(
            "CREATE TABLE s (id TEXT PRIMARY KEY, number INTEGER, last_name TEXT, first_name TEXT, "
            "line4 TEXT, postal_code TEXT, city TEXT, email TEXT)"));
        t.start();
        db.transaction();
        q.prepare(QStringLiteral("INSERT INTO s VALUES (?,?,?,?,?,?,?,?)"));
        for (int i = 0; i < ops; ++i) {
            q.addBindValue(Test::uuid());
            q.addBindValue(i + 1);
            q.addBindValue(QStringLiteral("Dupont%1").arg(i));
            q.addBindValue(QStringLiteral("Anne"));
            q.addBindValue(QStringLiteral("12 RUE DE LA PAIX"));
            q.addBindValue(QStringLiteral("75002"));
            q.addBindValue(QStringLiteral("PARIS"));
            q.addBindValue(QStringLiteral("anne@example.org"));
            q.exec();
        }
        db.commit();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("plain"));
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int ops = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 10000;
    const int batch = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 1000;
    QTemporaryDir dir;
    const Figures native = pushRun(dir.filePath(QStringLiteral("native.db")), ops, batch);
    qputenv("RELAIS_SERVER_PORTABLE_INSERTS", "1");
    const Figures portable = pushRun(dir.filePath(QStringLiteral("portable.db")), ops, batch);
    const double plain = plainLoop(dir.filePath(QStringLiteral("plain.db")), ops);
    std::printf("server push of %d creations in requests of %d (SQLite, synchronous=FULL)\n", ops,
                batch);
    std::printf("  rows through SQLite's interface:  %8.1f ms wall, %8.1f ms CPU, %d applied\n",
                native.wallMs, native.cpuMs, native.applied);
    std::printf("  rows through QSqlQuery (before):  %8.1f ms wall, %8.1f ms CPU, %d applied\n",
                portable.wallMs, portable.cpuMs, portable.applied);
    std::printf("  plain INSERT loop, one transaction: %6.1f ms wall\n", plain);
    return native.applied == ops && portable.applied == ops ? 0 : 1;
}
