#include "backgroundjob.h"

#include <QThread>

#include <utility>

namespace Relais::Ui {

BackgroundJob::BackgroundJob(QObject *parent) : QObject(parent)
{
    m_timer.setInterval(100);
    connect(&m_timer, &QTimer::timeout, this, &BackgroundJob::poll);
}

BackgroundJob::~BackgroundJob()
{
    stop();
}

bool BackgroundJob::start(std::function<void(const Progress &)> work)
{
    if (m_thread)
        return false;
    m_cancel = false;
    m_done = 0;
    m_total = 0;
    m_shownDone = m_shownTotal = -1;
    Progress progress = [this, hook = m_hook](qint64 done, qint64 total) {
        m_done = done;
        m_total = total;
        if (hook)
            hook(done, total);
        return !m_cancel.load();
    };
    QThread *thread = QThread::create(
        [work = std::move(work), progress = std::move(progress)] { work(progress); });
    m_thread = thread;
    // Queued to this thread: by then the work has returned and wait() does not block for long.
    connect(thread, &QThread::finished, this, [this, thread] {
        if (m_thread != thread)
            return; // stop() already reaped it
        m_thread = nullptr;
        thread->wait();
        delete thread;
        m_timer.stop();
        poll();
        emit finished(m_cancel.load());
    });
    m_timer.start();
    thread->start();
    return true;
}

void BackgroundJob::cancel()
{
    m_cancel = true;
}

void BackgroundJob::stop()
{
    if (!m_thread)
        return;
    m_cancel = true;
    QThread *thread = std::exchange(m_thread, nullptr);
    thread->wait();
    delete thread;
    m_timer.stop();
}

void BackgroundJob::poll()
{
    const qint64 done = m_done.load();
    const qint64 total = m_total.load();
    if (done == m_shownDone && total == m_shownTotal)
        return;
    m_shownDone = done;
    m_shownTotal = total;
    emit progressed(done, total);
}

} // namespace Relais::Ui
