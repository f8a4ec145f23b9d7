#include "backupschedule.h"

#include "serverstore.h"

#include <QDateTime>
#include <QDir>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSchedule, "relais.server.backup")

namespace Relais::Server {

BackupSchedule::BackupSchedule(QString dbUrl, QString dir, qint64 periodMs, int keep,
                               QObject *parent)
    : QObject(parent), m_dbUrl(std::move(dbUrl)), m_dir(std::move(dir)), m_keep(keep)
{
    m_timer.setInterval(std::chrono::milliseconds(periodMs));
    connect(&m_timer, &QTimer::timeout, this, &BackupSchedule::runOnce);
}

BackupSchedule::~BackupSchedule()
{
    m_timer.stop();
    if (m_worker)
        m_worker->wait(); // a backup under way finishes (its .part file would be left otherwise)
}

void BackupSchedule::start()
{
    m_timer.start();
}

QString BackupSchedule::fileNameAt(const QDateTime &utc)
{
    return QStringLiteral("scheduled-") + utc.toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss"))
           + QStringLiteral(".backup");
}

void BackupSchedule::runOnce()
{
    if (m_worker && m_worker->isRunning()) {
        qCWarning(lcSchedule)
            << "the previous scheduled backup is still running; this one is skipped";
        return;
    }
    const QString path = QDir(m_dir).filePath(fileNameAt(QDateTime::currentDateTimeUtc()));
    const QString url = m_dbUrl;
    m_worker.reset(QThread::create([this, url, path] {
        // A connection of its own, on this thread: the serving thread's store is never touched here.
        bool ok = false;
        QString said;
        {
            auto store = ServerStore::open(url);
            if (!store) {
                said = store.error().message;
            } else if (auto b = (*store)->backup(path, QStringLiteral("relais-server schedule"));
                       !b) {
                said = b.error().message;
            } else {
                ok = true;
                said = b->path;
                qCInfo(lcSchedule).noquote() << "scheduled backup" << b->path << b->rows << "rows,"
                                             << b->bytes << "bytes, verified" << b->verifiedAt;
            }
        }
        QMetaObject::invokeMethod(this, [this, ok, said] {
            if (ok)
                rotate();
            else
                qCWarning(lcSchedule).noquote() << "scheduled backup failed:" << said;
            emit finished(ok, said);
        });
    }));
    m_worker->start();
}

void BackupSchedule::rotate()
{
    // Only the files this schedule wrote; anything else in the folder is the operator's.
    QStringList names = QDir(m_dir).entryList({QStringLiteral("scheduled-*.backup")}, QDir::Files,
                                              QDir::Name);
    auto store = ServerStore::open(m_dbUrl);
    while (names.size() > m_keep) {
        const QString path = QDir(m_dir).filePath(names.takeFirst());
        if (!QFile::remove(path)) {
            qCWarning(lcSchedule).noquote() << "cannot remove the old backup" << path;
            continue;
        }
        if (store)
            if (Status s = (*store)->forgetBackup(path); !s)
                qCWarning(lcSchedule).noquote()
                    << "removed" << path << "but its record stays:" << s.error().message;
        qCInfo(lcSchedule).noquote() << "removed the old backup" << path;
    }
}

} // namespace Relais::Server
