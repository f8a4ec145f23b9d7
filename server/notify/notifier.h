#pragma once
// Carries "publisher P's head is now N" from the process that committed a push to every process
// serving desks of P (the WebSocket side lives in ApiServer). With SQLite there is one process and
// the news stays local; with PostgreSQL it travels by LISTEN/NOTIFY on a connection of its own,
// so that two relais-server processes behind nginx announce each other's commits. It is sent after
// COMMIT, never before, so a desk that pulls at once finds the change.

#include "result.h"

#include <QObject>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QTimer>

#include <memory>

namespace Relais::Server {

class Notifier : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    // Called after a push committed and advanced the global sequence.
    virtual void committed(const QString &publisherId, qint64 head) = 0;

    // For a database URL: local for sqlite:, LISTEN/NOTIFY for postgresql://.
    static Result<std::unique_ptr<Notifier>> forDatabase(const QString &url);

signals:
    void headChanged(const QString &publisherId, qint64 head);
};

class LocalNotifier final : public Notifier
{
    Q_OBJECT
public:
    using Notifier::Notifier;
    void committed(const QString &publisherId, qint64 head) override
    {
        emit headChanged(publisherId, head);
    }
};

class PgNotifier final : public Notifier
{
    Q_OBJECT
public:
    ~PgNotifier() override;
    static Result<std::unique_ptr<Notifier>> open(const QString &url);
    void committed(const QString &publisherId, qint64 head) override;

private:
    PgNotifier() = default;
    Status connectAndListen();
    // A lost connection (database restarted) is found by a periodic ping and opened again.
    void checkConnection();
    void onNotification(const QString &name, QSqlDriver::NotificationSource source,
                        const QVariant &payload);
    QSqlDatabase m_db;
    QString m_connection;
};

} // namespace Relais::Server
