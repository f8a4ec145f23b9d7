#include "syncservice.h"

#include "syncengine.h"

#include <QEventLoop>
#include <QThread>
#include <QTimer>

namespace Relais::Sync {

Service::Service(const QString &dbPath, const QString &deskId, QObject *parent)
    : QObject(parent), m_thread(new QThread(this)), m_engine(new Engine(dbPath)),
      m_credentials(new Credentials(deskId, this))
{
    m_thread->setObjectName(QStringLiteral("relais-sync"));
    m_engine->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
    connect(m_engine, &Engine::statusChanged, this, [this](const Overview &o) {
        m_overview = o;
        Q_EMIT statusChanged(o);
    });
    connect(m_engine, &Engine::roundFinished, this, &Service::roundFinished);
    connect(m_engine, &Engine::dataChanged, this, &Service::dataChanged);
    connect(m_engine, &Engine::loginFinished, this, &Service::loginFinished);
    connect(m_engine, &Engine::settled, this, &Service::settled);
    connect(m_engine, &Engine::desksFetched, this, &Service::desksFetched);
    // The session is kept with its end ("TOKEN EXPIRES"), so that an offline desk knows when it
    // needs a login without asking the server.
    connect(m_engine, &Engine::tokenIssued, this,
            [this](const QByteArray &token, const QString &expiresAt) {
                m_credentials->save(token + ' ' + expiresAt.toLatin1());
            });
    connect(m_credentials, &Credentials::loaded, this, [this](const QByteArray &kept) {
        const QList<QByteArray> parts = kept.split(' ');
        const QByteArray token = parts.value(0);
        const QString expiresAt = QString::fromLatin1(parts.value(1));
        QMetaObject::invokeMethod(m_engine, [e = m_engine, token, expiresAt] {
            e->setToken(token, expiresAt);
            e->setAutomatic(true);
        });
    });
    m_thread->start();
    QMetaObject::invokeMethod(m_engine, [e = m_engine] { e->open(); });
}

Service::~Service()
{
    // The engine stops between two steps: a round cut here is simply done again next time.
    QMetaObject::invokeMethod(
        m_engine, [e = m_engine] { e->setAutomatic(false); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

void Service::start(const QUrl &server, const QString &user)
{
    m_server = server;
    m_user = user;
    QMetaObject::invokeMethod(m_engine,
                              [e = m_engine, server, user] { e->configure(server, user); });
    if (!server.isEmpty())
        m_credentials->load();
    else
        QMetaObject::invokeMethod(m_engine, [e = m_engine] { e->setAutomatic(false); });
}

void Service::setTuning(const Engine::Tuning &tuning)
{
    QMetaObject::invokeMethod(m_engine, [e = m_engine, tuning] { e->setTuning(tuning); });
}

void Service::login(const QString &user, const QString &password)
{
    m_user = user;
    QMetaObject::invokeMethod(m_engine, [e = m_engine, user, password] {
        e->login(user, password);
        e->setAutomatic(true);
    });
}

void Service::fetchDesks()
{
    QMetaObject::invokeMethod(m_engine, [e = m_engine] { e->fetchDesks(); });
}

void Service::logout()
{
    m_credentials->forget();
    QMetaObject::invokeMethod(m_engine, [e = m_engine] { e->logout(); });
}

void Service::syncNow()
{
    QMetaObject::invokeMethod(m_engine, [e = m_engine] { e->syncNow(); });
}

void Service::localCommit()
{
    QMetaObject::invokeMethod(m_engine, [e = m_engine] { e->localCommit(); });
}

void Service::cancel()
{
    QMetaObject::invokeMethod(m_engine, [e = m_engine] { e->cancel(); });
}

void Service::resolveConflict(qint64 conflictId, bool keepMine, const QString &clerk)
{
    QMetaObject::invokeMethod(m_engine, [e = m_engine, conflictId, keepMine, clerk] {
        e->resolveConflict(conflictId, keepMine, clerk);
    });
}

void Service::withdrawRejected(qint64 seq, const QString &clerk)
{
    QMetaObject::invokeMethod(m_engine,
                              [e = m_engine, seq, clerk] { e->withdrawRejected(seq, clerk); });
}

qint64 Service::finalRound(int ms)
{
    const State s = m_overview.state;
    if (m_overview.pending == 0 || s == State::LocalOnly || s == State::LoginNeeded)
        return m_overview.pending;
    QEventLoop loop;
    connect(this, &Service::roundFinished, &loop, &QEventLoop::quit);
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    syncNow();
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    return m_overview.pending;
}

} // namespace Relais::Sync
