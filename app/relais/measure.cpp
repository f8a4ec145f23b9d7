#include "measure.h"

#include "mainwindow.h"
#include "searchpane.h"
#include "subscriberlistmodel.h"

#include <QCoreApplication>
#include <QFile>
#include <QTableView>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace Relais::Measure {

namespace {

struct Run
{
    Ui::MainWindow *window = nullptr;
    QStringList steps; // every prefix typed, in order
    int next = 0;
    QList<qint64> latencies;
    QElapsedTimer clock;
};

qint64 residentKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

void finish(const std::shared_ptr<Run> &run)
{
    QList<qint64> sorted = run->latencies;
    std::sort(sorted.begin(), sorted.end());
    if (!sorted.isEmpty()) {
        const qsizetype p95 = qMin<qsizetype>(sorted.size() - 1,
                                              (sorted.size() * 95 + 99) / 100 - 1);
        std::printf("search steps %lld, median %lld ms, p95 %lld ms, max %lld ms\n",
                    static_cast<long long>(sorted.size()),
                    static_cast<long long>(sorted.at(sorted.size() / 2)),
                    static_cast<long long>(sorted.at(p95)), static_cast<long long>(sorted.last()));
    }
    // Back to the whole list, then jump to its last row.
    SubscriberListModel *model = run->window->searchPane()->model();
    QObject::connect(
        model, &SubscriberListModel::ready, run->window,
        [run, model] {
            const int last = model->rowCount() - 1;
            run->clock.start();
            QObject::connect(model, &SubscriberListModel::pageLoaded, run->window,
                             [run, last](int first, int lastLoaded) {
                                 if (last < first || last > lastLoaded)
                                     return;
                                 std::printf("jump to the last row (%d): %lld ms\n", last + 1,
                                             static_cast<long long>(run->clock.elapsed()));
                                 std::printf("resident memory: %lld MB\n",
                                             static_cast<long long>(residentKb() / 1024));
                                 std::fflush(stdout);
                                 QCoreApplication::exit(0);
                             });
            QTableView *view = run->window->searchPane()->view();
            view->scrollToBottom();
            model->data(model->index(last, 0));
        },
        Qt::SingleShotConnection);
    run->window->searchPane()->setSearchText(QString());
}

void step(const std::shared_ptr<Run> &run)
{
    if (run->next >= run->steps.size()) {
        finish(run);
        return;
    }
    const QString text = run->steps.at(run->next++);
    SubscriberListModel *model = run->window->searchPane()->model();
    run->clock.start();
    QObject::connect(
        model, &SubscriberListModel::ready, run->window,
        [run, model, text](const QString &, int rows) {
            // Usable once the first rows are on screen, not only counted.
            auto done = [run, text, rows] {
                const qint64 ms = run->clock.elapsed();
                run->latencies << ms;
                std::printf("  %-24s %7d rows %5lld ms\n", qPrintable(text), rows,
                            static_cast<long long>(ms));
                QTimer::singleShot(0, run->window, [run] { step(run); });
            };
            if (rows == 0 || model->isLoaded(0)) {
                done();
                return;
            }
            QObject::connect(model, &SubscriberListModel::pageLoaded, run->window, done,
                             Qt::SingleShotConnection);
            model->data(model->index(0, 0));
        },
        Qt::SingleShotConnection);
    run->window->searchPane()->setSearchText(text);
}

} // namespace

void run(Ui::MainWindow *window, const QStringList &searches, const QElapsedTimer &sinceStart)
{
    auto r = std::make_shared<Run>();
    r->window = window;
    for (const QString &s : searches)
        for (int i = 1; i <= s.size(); ++i)
            if (!s.at(i - 1).isSpace())
                r->steps << s.left(i);
    SubscriberListModel *model = window->searchPane()->model();
    QObject::connect(
        model, &SubscriberListModel::pageLoaded, window,
        [r, &sinceStart] {
            std::printf("usable window after %lld ms\n",
                        static_cast<long long>(sinceStart.elapsed()));
            QTimer::singleShot(0, r->window, [r] { step(r); });
        },
        Qt::SingleShotConnection);
}

} // namespace Relais::Measure
