// A clerk's saves during a long import (issue 9): a CSV of ROWS subscribers is imported into a new
// desk on a thread of its own, while the main thread saves a subscriber every 50 ms on its own
// connection (the desk's busy timeout, 5 s) and times each save. Prints the import's time and
// rate, the saves made, the longest and the 99th-percentile wait, and the saves that failed.
//   bench_import_wait [ROWS] [chunks|one]   (defaults: 100000 chunks)
// "one" imports in a single transaction (chunkRows and chunkMs at their maximum), as imports did
// before they were committed in chunks: the baseline of the same build, in the same run.

#include "csvimport.h"
#include "store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>

#include <atomic>
#include <cstdio>
#include <thread>

using namespace Relais;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int rows = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    const bool one = argc > 2 && QByteArray(argv[2]) == "one";
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("desk.sqlite"));
    const QString csv = dir.filePath(QStringLiteral("import.csv"));
    {
        QFile f(csv);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        f.write("numero;civilite;prenom;nom;adresse;code postal;ville;telephone;email\r\n");
        const char *towns[][2] = {{"75002", "PARIS"},
                                  {"69002", "LYON"},
                                  {"29200", "BREST"},
                                  {"13001", "MARSEILLE"}};
        for (int i = 0; i < rows; ++i) {
            const auto &t = towns[i % 4];
            f.write(QStringLiteral(
                        ";M.;Jean;Nom%1;%2 rue de la Paix;%3;%4;06 12 34 %5 %6;n%1@example.fr\r\n")
                        .arg(i)
                        .arg(i % 300 + 1)
                        .arg(QLatin1StringView(t[0]), QLatin1StringView(t[1]))
                        .arg(i % 100, 2, 10, QLatin1Char('0'))
                        .arg(i % 97, 2, 10, QLatin1Char('0'))
                        .toUtf8());
        }
    }
    auto opened = Store::open(db);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().fullText()));
        return 1;
    }
    Store clerk = std::move(opened).value();
    clerk.setActor(Actor{QStringLiteral("clerk"), ContactChannel::Phone});

    std::atomic<bool> done{false};
    qint64 importMs = 0;
    QString importError;
    qint64 imported = 0;
    std::thread worker([&] {
        {
            auto s = Store::open(db);
            if (s) {
                Store store = std::move(s).value();
                Csv::ImportOptions o;
                o.inPath = csv;
                if (one) {
                    o.chunkRows = std::numeric_limits<int>::max();
                    o.chunkMs = std::numeric_limits<int>::max();
                }
                QElapsedTimer t;
                t.start();
                auto r = Csv::importSubscribers(store, o);
                importMs = t.elapsed();
                if (r)
                    imported = r->imported;
                else
                    importError = r.error().fullText();
            }
        }
        done = true;
    });

    QList<qint64> waits;
    int failed = 0;
    while (!done) {
        Subscriber s;
        s.civility = QStringLiteral("Mme");
        s.firstName = QStringLiteral("Claire");
        s.lastName = QStringLiteral("Guichet%1").arg(waits.size());
        s.address.line4 = QStringLiteral("1 place du Marché");
        s.address.postalCode = QStringLiteral("35000");
        s.address.city = QStringLiteral("RENNES");
        QElapsedTimer t;
        t.start();
        if (!clerk.addSubscriber(s))
            ++failed;
        waits << t.elapsed();
        QThread::msleep(50);
    }
    worker.join();
    std::sort(waits.begin(), waits.end());
    const qint64 longest = waits.isEmpty() ? 0 : waits.last();
    const qint64 p99 = waits.isEmpty()
                           ? 0
                           : waits.at(qMin<qsizetype>(waits.size() - 1, waits.size() * 99 / 100));
    const qint64 median = waits.isEmpty() ? 0 : waits.at(waits.size() / 2);
    std::printf("mode %s: %lld rows imported in %.2f s (%.0f rows/s)%s\n",
                one ? "one transaction" : "chunks", static_cast<long long>(imported),
                importMs / 1000.0, importMs > 0 ? imported * 1000.0 / importMs : 0.0,
                importError.isEmpty() ? ""
                                      : qPrintable(QStringLiteral(" — failed: ") + importError));
    std::printf("clerk: %lld saves, %d failed; wait median %lld ms, p99 %lld ms, longest %lld ms\n",
                static_cast<long long>(waits.size()), failed, static_cast<long long>(median),
                static_cast<long long>(p99), static_cast<long long>(longest));
    return importError.isEmpty() && failed == 0 ? 0 : 1;
}
