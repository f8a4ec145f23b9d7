#include "notifier.h"

#include "domain.h"

#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

Q_LOGGING_CATEGORY(lcNotify, "relais.server.notify")

namespace Relais::Server {

namespace {
const QString kChannel = QStringLiteral("relais_head");
}

Result<std::unique_ptr<Notifier>> Notifier::forDatabase(const QString &url)
{
    if (url.startsWith(QLatin1StringView("postgres")))
        return PgNotifier::open(url);
    return std::unique_ptr<Notifier>(new LocalNotifier);
}

Result<std::unique_ptr<Notifier>> PgNotifier::open(const QString &url)
{
    const QUrl u(url);
    std::unique_ptr<PgNotifier> n(new PgNotifier);
    n->m_connection = QStringLiteral("relais-notify-") + newUuid();
    n->m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), n->m_connection);
    n->m_db.setHostName(u.host());
    n->m_db.setPort(u.port(5432));
    n->m_db.setUserName(u.userName());
    n->m_db.setDatabaseName(u.path().mid(1));
    if (Status s = n->connectAndListen(); !s)
        return s.error();
    auto *timer = new QTimer(n.get());
    PgNotifier *self = n.get();
    connect(timer, &QTimer::timeout, self, [self] { self->checkConnection(); });
    timer->start(15000);
    return std::unique_ptr<Notifier>(std::move(n));
}

Status PgNotifier::connectAndListen()
{
    if (!m_db.open())
        return Error::make(ErrorKind::Storage, QStringLiteral("db.open"),
                           QStringLiteral("notification connection: ") + m_db.lastError().text());
    QSqlDriver *driver = m_db.driver();
    if (!driver->subscribeToNotification(kChannel))
        return Error::make(ErrorKind::Storage, QStringLiteral("db.listen"),
                           QStringLiteral("LISTEN failed: ") + driver->lastError().text());
    // The driver object survives close()/open(): connect once.
    connect(driver, &QSqlDriver::notification, this, &PgNotifier::onNotification,
            Qt::UniqueConnection);
    return Ok{};
}

void PgNotifier::onNotification(const QString &name, QSqlDriver::NotificationSource,
                                const QVariant &payload)
{
    if (name != kChannel)
        return;
    const QString text = payload.toString();
    const qsizetype colon = text.lastIndexOf(u':');
    bool ok = false;
    const qint64 head = text.mid(colon + 1).toLongLong(&ok);
    if (colon > 0 && ok)
        emit headChanged(text.left(colon), head);
}

void PgNotifier::checkConnection()
{
    {
        QSqlQuery ping(m_db);
        if (m_db.isOpen() && ping.exec(QStringLiteral("SELECT 1")))
            return;
    }
    qCWarning(lcNotify) << "notification connection lost; reconnecting";
    m_db.driver()->unsubscribeFromNotification(kChannel);
    m_db.close();
    if (Status s = connectAndListen(); !s)
        qCWarning(lcNotify) << s.error().message;
}

PgNotifier::~PgNotifier()
{
    if (m_db.isValid()) {
        m_db.driver()->unsubscribeFromNotification(kChannel);
        m_db.close();
    }
    m_db = QSqlDatabase();
    if (!m_connection.isEmpty())
        QSqlDatabase::removeDatabase(m_connection);
}

void PgNotifier::committed(const QString &publisherId, qint64 head)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT pg_notify(?, ?)"));
    q.addBindValue(kChannel);
    q.addBindValue(QString(publisherId + u':' + QString::number(head)));
    if (!q.exec()) {
        qCWarning(lcNotify) << "NOTIFY failed:" << q.lastError().text();
        checkConnection();
        QSqlQuery again(m_db);
        again.prepare(QStringLiteral("SELECT pg_notify(?, ?)"));
        again.addBindValue(kChannel);
        again.addBindValue(QString(publisherId + u':' + QString::number(head)));
        if (!again.exec())
            qCWarning(lcNotify) << "NOTIFY failed again:" << again.lastError().text();
    }
}

} // namespace Relais::Server
