#pragma once
// Runs slow reads (counts, pages of a million rows, aggregates) on a thread of its own with its own
// Store, so that the GUI thread never waits on SQLite. A Store is per thread: this one is opened,
// used and closed in the worker thread only.

#include "store.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <memory>
#include <utility>

namespace Relais {

// Lives in the worker thread; owns that thread's Store.
class StoreWorkerHost final : public QObject
{
    Q_OBJECT
public:
    explicit StoreWorkerHost(QString path) : m_path(std::move(path)) {}
    ~StoreWorkerHost() override;
    Store *store();
    void close();

private:
    QString m_path;
    std::unique_ptr<Store> m_store;
    bool m_failed = false;
};

class StoreWorker final : public QObject
{
    Q_OBJECT
public:
    explicit StoreWorker(QString databasePath, QObject *parent = nullptr);
    ~StoreWorker() override;

    // Runs job(Store *) in the worker thread (the pointer is null if the database could not be
    // opened there), then done(result) in this object's thread if `context` still exists then.
    // Jobs run one at a time in the order posted.
    template<typename Job, typename Done> void post(QObject *context, Job job, Done done)
    {
        QPointer<QObject> guard(context);
        QMetaObject::invokeMethod(
            m_host,
            [this, guard, job = std::move(job), done = std::move(done)]() mutable {
                auto result = job(m_host->store());
                // Delivered through `this` (GUI thread), where the guard can be checked safely.
                QMetaObject::invokeMethod(
                    this,
                    [guard, done = std::move(done), result = std::move(result)]() mutable {
                        if (guard)
                            done(std::move(result));
                    },
                    Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    }

    // Blocks until every job posted so far has run and its result was delivered (tests, shutdown).
    void waitForIdle();

    const QString &databasePath() const { return m_path; }

private:
    QString m_path;
    QThread m_thread;
    StoreWorkerHost *m_host = nullptr;
};

} // namespace Relais
