// The desk's writing of received rows (models/inbound.cpp), in process, without a server: N
// subscriber rows as the server sends them (every synced column), written in pages of 1,000 as a
// first copy writes them, then the same rows again as a pull brings a desk's own changes back
// (nothing to write), beside a plain INSERT of the same rows in the same run.
//   bench_inbound [ROWS=100000] [WORKDIR=/tmp]

#include "inbound.h"
#include "protocol.h"
#include "store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QSqlQuery>
#include <QUuid>

#include <cstdio>
#include <ctime>

using namespace Relais;

namespace {

QJsonObject subscriberRow(const Protocol::Table &table, qint64 i, const QString &id,
                          const QString &publisher)
{
    QJsonObject row;
    for (const Protocol::Column &c : table.columns) {
        if (c.type == Protocol::ColumnType::Text)
            row.insert(c.name, QString());
        else
            row.insert(c.name, 0);
    }
    row.insert(QStringLiteral("number"), i + 1);
    row.insert(QStringLiteral("publisher_id"), publisher);
    row.insert(QStringLiteral("civility"), QStringLiteral("M."));
    row.insert(QStringLiteral("first_name"), QStringLiteral("Jean"));
    row.insert(QStringLiteral("last_name"), QStringLiteral("Dupont%1").arg(i));
    row.insert(QStringLiteral("line4"), QStringLiteral("%1 RUE DE LA PAIX").arg(i % 200 + 1));
    row.insert(QStringLiteral("postal_code"), QStringLiteral("75002"));
    row.insert(QStringLiteral("city"), QStringLiteral("PARIS"));
    row.insert(QStringLiteral("sort_key"), QStringLiteral("DUPONT%1 JEAN").arg(i));
    row.insert(QStringLiteral("rev"), i + 1);
    row.insert(QStringLiteral("updated_at"), QStringLiteral("2026-12-03T10:00:00.000Z"));
    row.insert(QStringLiteral("updated_by"), QStringLiteral("bench"));
    Q_UNUSED(id);
    return row;
}

double g_cpuMs = 0; // CPU time of the last measured step (the machine is shared: wall times vary)

double applyAll(Store &store, const QList<InboundRow> &rows, bool snapshot)
{
    QElapsedTimer t;
    t.start();
    const std::clock_t cpu = std::clock();
    for (qsizetype at = 0; at < rows.size(); at += 1000) {
        const QList<InboundRow> page = rows.mid(at, 1000);
        Inbound in(store.db());
        auto r = snapshot ? in.applySnapshotPage(page, QStringLiteral("subscriber"), page.last().id,
                                                 rows.size())
                          : in.applyPullPage(page, page.last().seq);
        if (!r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error().fullText()));
            return -1;
        }
    }
    g_cpuMs = double(std::clock() - cpu) * 1000.0 / CLOCKS_PER_SEC;
    return double(t.nsecsElapsed()) / 1e6;
}

double plainInsert(const QString &path, const QList<InboundRow> &rows)
{
    QFile::remove(path);
    double ms = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                    QStringLiteral("reference"));
        db.setDatabaseName(path);
        db.open();
        QSqlQuery q(db);
        q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        q.exec(QStringLiteral("PRAGMA synchronous=FULL"));
        q.exec(QStringLiteral(
            "CREATE TABLE subscriber (id TEXT PRIMARY KEY, number INTEGER, first_name TEXT, "
            "last_name TEXT, line4 TEXT, postal_code TEXT, city TEXT, rev INTEGER)"));
        QElapsedTimer t;
        t.start();
        const std::clock_t cpu = std::clock();
        for (qsizetype at = 0; at < rows.size(); at += 1000) {
            db.transaction();
            q.prepare(QStringLiteral("INSERT INTO subscriber VALUES (?,?,?,?,?,?,?,?)"));
            for (qsizetype i = at; i < qMin(rows.size(), at + 1000); ++i) {
                const QJsonObject &r = rows.at(i).row;
                q.addBindValue(rows.at(i).id);
                q.addBindValue(r.value(QStringLiteral("number")).toInteger());
                for (const char *c : {"first_name", "last_name", "line4", "postal_code", "city"})
                    q.addBindValue(r.value(QLatin1StringView(c)).toString());
                q.addBindValue(r.value(QStringLiteral("rev")).toInteger());
                q.exec();
            }
            db.commit();
        }
        ms = double(t.nsecsElapsed()) / 1e6;
        g_cpuMs = double(std::clock() - cpu) * 1000.0 / CLOCKS_PER_SEC;
    }
    QSqlDatabase::removeDatabase(QStringLiteral("reference"));
    return ms;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qint64 n = args.size() > 1 ? args.at(1).toLongLong() : 100000;
    const QString dir = args.size() > 2 ? args.at(2) : QStringLiteral("/tmp");
    const QString path = dir + QStringLiteral("/bench-inbound.sqlite");
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(path + QLatin1StringView(suffix));
    auto opened = Store::open(path);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().fullText()));
        return 1;
    }
    Store store = std::move(opened).value();
    const Protocol::Table *table = Protocol::tableByName(QStringLiteral("subscriber"));
    const QString publisher = store.metaValue(QStringLiteral("publisher_id"), QString());
    QList<InboundRow> rows;
    rows.reserve(n);
    for (qint64 i = 0; i < n; ++i) {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        rows << InboundRow{QStringLiteral("subscriber"), id, i + 1,
                           subscriberRow(*table, i, id, publisher)};
    }
    auto print = [n](const char *what, double ms) {
        std::printf("%-50s %9.1f ms wall %9.1f ms CPU %8.0f rows/s of CPU\n", what, ms, g_cpuMs,
                    n * 1000.0 / g_cpuMs);
    };
    print("first copy: rows written (pages of 1,000)", applyAll(store, rows, true));
    print("pull of the desk's own rows (nothing to write)", applyAll(store, rows, false));
    print("reference: plain INSERT, 8 columns, same pages",
          plainInsert(dir + QStringLiteral("/bench-inbound-ref.sqlite"), rows));
    return 0;
}
