#pragma once
// Backups on a schedule (serve --backup-every HOURS --backup-keep N): every period a backup of the
// whole database is written into the backup folder, read back and verified (ServerStore::backup),
// on a thread and a connection of its own so that desks keep syncing meanwhile; then only the N
// newest scheduled backups are kept. docs/server.md, "Backups on a schedule".

#include <QObject>
#include <QString>
#include <QThread>
#include <QTimer>

#include <memory>

namespace Relais::Server {

class BackupSchedule final : public QObject
{
    Q_OBJECT
public:
    BackupSchedule(QString dbUrl, QString dir, qint64 periodMs, int keep,
                   QObject *parent = nullptr);
    ~BackupSchedule() override;
    void start();

    // The names it writes: "scheduled-YYYYMMDD-HHMMSS.backup" (UTC), oldest first when sorted.
    static QString fileNameAt(const QDateTime &utc);

signals:
    void finished(bool ok, const QString &pathOrError);

private:
    void runOnce();
    void rotate();

    QString m_dbUrl;
    QString m_dir;
    int m_keep;
    QTimer m_timer;
    std::unique_ptr<QThread> m_worker;
};

} // namespace Relais::Server
