#include "storeworker.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcWorker, "relais.worker")

namespace Relais {

StoreWorker::StoreWorker(QString databasePath, QObject *parent)
    : QObject(parent), m_path(std::move(databasePath))
{
    m_host = new StoreWorkerHost(m_path);
    m_host->moveToThread(&m_thread);
    m_thread.setObjectName(QStringLiteral("relais-store-worker"));
    m_thread.start();
}

StoreWorker::~StoreWorker()
{
    // The Store must be closed in the thread that opened it.
    QMetaObject::invokeMethod(
        m_host, [host = m_host] { delete host; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void StoreWorker::waitForIdle()
{
    QMetaObject::invokeMethod(
        m_host, [] {}, Qt::BlockingQueuedConnection);
    // Results queued to this thread by the jobs that just ran.
    QCoreApplication::sendPostedEvents(this);
}

StoreWorkerHost::~StoreWorkerHost()
{
    close();
}

void StoreWorkerHost::close()
{
    m_store.reset();
}

Store *StoreWorkerHost::store()
{
    if (!m_store && !m_failed) {
        auto opened = Store::open(m_path);
        if (opened) {
            m_store = std::make_unique<Store>(std::move(opened).value());
            // This connection scans whole tables (counts, aggregates). Memory-mapped, every page it
            // touches would stay in the window's resident memory (a gigabyte on a million
            // subscribers); through SQLite's page cache it is bounded by cache_size instead.
            QSqlQuery q(m_store->db());
            if (!q.exec(QStringLiteral("PRAGMA mmap_size = 0")))
                qCWarning(lcWorker) << "mmap_size:" << q.lastError().text();
            // 16 MiB, not the desk's 64: its reads are a page of the list at a time and counts
            // over whole tables, which a cache smaller than a million-row table does not speed up;
            // the window of a first copy peaked at 328 MB with 64 (issue 9: under 300 MB).
            if (!q.exec(QStringLiteral("PRAGMA cache_size = -16384")))
                qCWarning(lcWorker) << "cache_size:" << q.lastError().text();
        } else {
            m_failed = true;
            qCWarning(lcWorker) << "cannot open" << m_path << opened.error().message;
        }
    }
    return m_store.get();
}

} // namespace Relais
