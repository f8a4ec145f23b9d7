#include "storeworker.h"

#include <QCoreApplication>
#include <QLoggingCategory>

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
    QMetaObject::invokeMethod(m_host, [] {}, Qt::BlockingQueuedConnection);
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
        } else {
            m_failed = true;
            qCWarning(lcWorker) << "cannot open" << m_path << opened.error().message;
        }
    }
    return m_store.get();
}

} // namespace Relais
