#pragma once
// Runs one long job (an export, an import, reading a big file) on a thread of its own so that the
// GUI thread never waits: the job reports progress into atomics read here on a timer, and its
// progress callback returns false once the clerk asked to cancel.

#include <QObject>
#include <QTimer>

#include <atomic>
#include <functional>

class QThread;

namespace Relais::Ui {

class BackgroundJob final : public QObject
{
    Q_OBJECT
public:
    // (done, total) -> false to stop: the shape of Csv::Progress.
    using Progress = std::function<bool(qint64, qint64)>;

    explicit BackgroundJob(QObject *parent = nullptr);
    ~BackgroundJob() override;

    // Runs work(progress) on a new thread; false when a job is still running. The work must only
    // touch what it captured by value (a Store of its own, shared result holders).
    bool start(std::function<void(const Progress &)> work);
    void cancel();
    // Cancels and waits for the thread: owners call it before the state the job writes goes away.
    void stop();
    bool isRunning() const { return m_thread != nullptr; }
    bool isCancelRequested() const { return m_cancel.load(); }
    // Called on the job's thread at each progress report, before the cancel flag is read (tests).
    void setProgressHook(Progress hook) { m_hook = std::move(hook); }

signals:
    void progressed(qint64 done, qint64 total);
    // In this object's thread, once the work returned.
    void finished(bool cancelRequested);

private:
    void poll();

    QThread *m_thread = nullptr;
    std::atomic<bool> m_cancel{false};
    std::atomic<qint64> m_done{0};
    std::atomic<qint64> m_total{0};
    qint64 m_shownDone = -1;
    qint64 m_shownTotal = -1;
    Progress m_hook;
    QTimer m_timer;
};

} // namespace Relais::Ui
