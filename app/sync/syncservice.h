#pragma once
// The window's handle on the sync engine: the engine runs on a thread of its own with its own
// database connection, and everything here returns at once (commands are queued to that thread,
// state comes back by signals). The token is kept by Credentials, never the password.

#include "credentials.h"
#include "syncengine.h"
#include "syncstatus.h"

#include <QObject>
#include <QStringList>
#include <QUrl>

class QThread;

namespace Relais::Sync {

class Service final : public QObject
{
    Q_OBJECT
public:
    Service(const QString &dbPath, const QString &deskId, QObject *parent = nullptr);
    ~Service() override;

    Overview overview() const { return m_overview; }
    Credentials *credentials() const { return m_credentials; }
    QUrl server() const { return m_server; }
    QString user() const { return m_user; }

    // Where to sync and as whom (an empty URL: local only); automatic rounds start once the
    // stored token is loaded.
    void start(const QUrl &server, const QString &user);
    // Page sizes, backoff and the like (tests); takes effect from the next round.
    void setTuning(const Engine::Tuning &tuning);
    void login(const QString &user, const QString &password);
    void logout();
    void syncNow();
    // The window saved a change: it goes out at once when the desk is online.
    void localCommit();
    void cancel();
    void resolveConflict(qint64 conflictId, bool keepMine, const QString &clerk);
    void withdrawRejected(qint64 seq, const QString &clerk);
    // Supervisors: the publisher's desks as the server sees them (answer: desksFetched).
    void fetchDesks();
    // Closing the window: one last round when changes are queued and the server answers, for at
    // most `ms`; returns how many changes stay queued.
    qint64 finalRound(int ms);

Q_SIGNALS:
    void statusChanged(const Relais::Sync::Overview &overview);
    void roundFinished(const Relais::Sync::Receipt &receipt);
    void dataChanged(const QStringList &tables);
    void loginFinished(bool ok, const QString &message);
    void settled(bool ok, const QString &message);
    void desksFetched(const Relais::Protocol::DesksAnswer &answer, const QString &error);

private:
    QThread *m_thread;
    Engine *m_engine;
    Credentials *m_credentials;
    Overview m_overview;
    QUrl m_server;
    QString m_user;
};

} // namespace Relais::Sync
