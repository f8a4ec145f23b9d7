// Search and delivery-list figures on a desk database, and the SQL of the same work for the sqlite3
// shell, so that bench/run-foundation.sh can time the reference in the same run.
//
//   bench_foundation --db FILE --date YYYY-MM-DD --publication CODE --sql-out FILE

#include "deliverylist.h"
#include "search.h"
#include "store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace Relais;

namespace {

double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double percentile(QList<double> v, double p)
{
    std::sort(v.begin(), v.end());
    if (v.isEmpty())
        return 0;
    const qsizetype i = qMin(v.size() - 1, qsizetype(p * double(v.size() - 1) + 0.5));
    return v.at(i);
}

// 100 queries of the kinds a clerk types: last names and their prefixes, first + last name, postal
// codes, towns, subscriber numbers, phone fragments, e-mail prefixes. Drawn from the data itself.
QStringList typicalQueries(Store &store)
{
    QStringList queries;
    QSqlQuery q(store.db());
    q.exec(QStringLiteral(
        "SELECT first_name, last_name, postal_code, city, number, phone, email FROM subscriber "
        "WHERE last_name <> '' AND seq % 997 = 0 LIMIT 400"));
    QList<QStringList> rows;
    while (q.next()) {
        QStringList r;
        for (int i = 0; i < 7; ++i)
            r << q.value(i).toString();
        rows << r;
    }
    QRandomGenerator rng(7);
    for (int i = 0; queries.size() < 100 && !rows.isEmpty(); ++i) {
        const QStringList &r = rows.at(rng.bounded(int(rows.size())));
        switch (i % 10) {
        case 0: queries << r.at(1); break;                                  // Dupont
        case 1: queries << r.at(1).left(3); break;                          // Dup
        case 2: queries << r.at(0) + u' ' + r.at(1); break;                 // Jean Dupont
        case 3: queries << r.at(1).left(4) + u' ' + r.at(0).left(2); break; // Dupo je
        case 4: queries << r.at(2); break;                                  // 69001
        case 5: queries << r.at(3).toLower(); break;                        // lyon
        case 6: queries << r.at(4); break;                                  // 104233
        case 7:
            if (!r.at(5).isEmpty())
                queries << r.at(5).left(8);
            else
                queries << r.at(1).toLower();
            break;
        case 8:
            if (!r.at(6).isEmpty())
                queries << r.at(6).section(u'@', 0, 0);
            else
                queries << r.at(1);
            break;
        case 9: queries << r.at(1).toUpper() + u' ' + r.at(2).left(2); break; // DUPONT 69
        }
    }
    return queries;
}

QString sqlLiteral(const QString &s)
{
    QString e = s;
    e.replace(u'\'', QStringLiteral("''"));
    return u'\'' + e + u'\'';
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    auto arg = [&](const char *name) {
        const qsizetype i = args.indexOf(QString::fromLatin1(name));
        return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : QString();
    };
    const QString dbPath = arg("--db");
    const QDate date = QDate::fromString(arg("--date"), Qt::ISODate);
    const QString pubCode = arg("--publication").isEmpty() ? QStringLiteral("LQC")
                                                           : arg("--publication");
    const QString sqlOut = arg("--sql-out");
    QTextStream out(stdout);
    auto opened = Store::open(dbPath);
    if (!opened || !date.isValid()) {
        QTextStream(stderr) << "usage: bench_foundation --db FILE --date YYYY-MM-DD [--publication "
                               "CODE] [--sql-out FILE]\n";
        return 2;
    }
    Store store = std::move(opened).value();

    // Search: warm the cache once (a desk that runs all day has it warm), then time each query.
    const QStringList queries = typicalQueries(store);
    SubscriberSearch search(store.db());
    for (const QString &text : queries)
        (void)search.run(text, 50);
    QList<double> ms;
    qint64 totalHits = 0;
    for (const QString &text : queries) {
        QElapsedTimer t;
        t.start();
        auto hits = search.run(text, 50);
        ms << double(t.nsecsElapsed()) / 1e6;
        totalHits += hits ? hits.value().size() : 0;
        if (ms.last() > 10.0)
            QTextStream(stderr) << "slow search (" << ms.last() << " ms): " << text << '\n';
    }
    out << "search_queries " << queries.size() << "\nsearch_hits " << totalHits
        << "\nsearch_p50_ms " << percentile(ms, 0.5) << "\nsearch_p95_ms " << percentile(ms, 0.95)
        << "\nsearch_max_ms " << percentile(ms, 1.0) << '\n';

    // Delivery list of one title and date, streamed as the export does.
    const auto pub = store.publicationByCode(pubCode);
    if (!pub) {
        QTextStream(stderr) << "no publication " << pubCode << '\n';
        return 1;
    }
    QList<double> dl;
    QList<double> cpu; // CPU time of this process: what the machine's other load does not inflate
    DeliverySummary summary;
    for (int i = 0; i < 3; ++i) {
        QElapsedTimer t;
        t.start();
        const double cpu0 = cpuMs();
        auto r = DeliveryListQuery(store.db()).forEach(*pub, date, [](const DeliveryLine &) {
            return true;
        });
        dl << double(t.nsecsElapsed()) / 1e6;
        cpu << cpuMs() - cpu0;
        if (r)
            summary = r.value();
    }
    out << "delivery_lines " << summary.lines << "\ndelivery_copies " << summary.copies
        << "\ndelivery_best_ms " << percentile(dl, 0.0) << "\ndelivery_median_ms "
        << percentile(dl, 0.5) << "\ndelivery_cpu_best_ms " << percentile(cpu, 0.0) << '\n';
    out.flush();

    if (!sqlOut.isEmpty()) {
        // The same work for the sqlite3 shell: each search as the program runs it, then the list.
        QFile f(sqlOut);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 1;
        QTextStream sql(&f);
        // The same page cache and memory map as the desk's connection (Database::open).
        sql << "PRAGMA cache_size = -65536;\nPRAGMA mmap_size = 1073741824;\nPRAGMA temp_store = "
               "MEMORY;\n"
               ".timer on\n.output /dev/null\n";
        for (const QString &text : queries)
            sql << "SELECT s.seq, s.id, s.number, s.civility, s.first_name, s.last_name, "
                   "s.company, s.line4, "
                   "s.postal_code, s.city, s.email, s.phone FROM (SELECT rowid, rank FROM "
                   "subscriber_fts "
                   "WHERE subscriber_fts MATCH "
                << sqlLiteral(SubscriberSearch::matchExpression(text))
                << " ORDER BY rank LIMIT 50) f JOIN subscriber s ON s.seq = f.rowid ORDER BY "
                   "f.rank;\n";
        sql << "-- delivery\n";
        const QString d = sqlLiteral(date.toString(Qt::ISODate));
        // Both statements of the list, three times; the script adds their times pairwise.
        QString list;
        for (const QString &statement : DeliveryListQuery::statements())
            list += statement + QStringLiteral(";\n");
        list.replace(QStringLiteral("?2"), d)
            .replace(QStringLiteral("?1"), sqlLiteral(pub->meta.id));
        sql << list << list << list;
    }
    return 0;
}
