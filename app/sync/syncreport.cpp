// The desks at a glance (docs/api.md): the report a round ends with (POST sync/desk-status), and a
// supervisor's look at every desk of the publisher (GET admin/desks). The rest of the engine is in
// syncengine.cpp and syncsteps.cpp.

#include "syncengine.h"
#include "syncengine_p.h"

#include "httpclient.h"
#include "inbound.h"
#include "outbox.h"
#include "writepath.h"

#include <QCoreApplication>
#include <QSysInfo>

namespace Relais::Sync {

Protocol::DeskReport Engine::deskReport()
{
    const OutboxSummary s = Outbox(m_database->db()).summary();
    Protocol::DeskReport r;
    r.deskId = m_deskId;
    r.queueDepth = s.pending;
    if (s.pending > 0)
        r.oldestQueuedAt = s.oldestPendingAt;
    const QString version = QCoreApplication::applicationVersion();
    r.appVersion = version.isEmpty() ? QStringLiteral(RELAIS_VERSION) : version;
    if (const qint64 left = numbersLeft(); left >= 0)
        r.numbersLeft = left;
    r.epoch = meta(SyncKey::ServerEpoch);
    r.host = QSysInfo::machineHostName();
    r.deskTime = nowUtcIso();
    return r;
}

void Engine::reportThen(std::function<void()> then)
{
    if (m_reportUnsupported || m_deskId.isEmpty())
        return then();
    const Protocol::DeskReport report = deskReport();
    QJsonObject content = report.toJson();
    content.remove(QStringLiteral("desk_time"));
    // Idempotent and cheap: the same state is not sent again until it is due, so that an idle desk
    // woken by every other desk's push adds nothing to the server's writes.
    if (content == m_lastReport && m_lastReportClock.isValid()
        && m_lastReportClock.elapsed() < m_tuning.reportEveryMs)
        return then();
    const quint64 round = m_roundSerial;
    request("POST", QStringLiteral("sync/desk-status"), report.toJson(),
            [this, round, content, then = std::move(then)](const HttpAnswer &a) {
                if (!m_running || round != m_roundSerial)
                    return; // the round ended meanwhile (stopped, abandoned)
                if (a.status == 204) {
                    m_lastReport = content;
                    m_lastReportClock.start();
                } else if (a.status == 404 && a.code() == u"route.unknown") {
                    m_reportUnsupported =
                        true; // a server older than the report: rounds go on without it
                } else {
                    // Never a reason to fail the round: the report goes again with the next one.
                    qCInfo(lcSync)
                        << "desk report not taken:" << a.status << a.code() << a.networkError;
                }
                then();
            });
}

void Engine::fetchDesks()
{
    if (!open())
        return;
    if (m_server.isEmpty() || m_token.isEmpty()) {
        Q_EMIT desksFetched({}, m_server.isEmpty() ? tr("No server is configured.")
                                                   : tr("Log in to see the desks."));
        return;
    }
    if (!m_adminHttp)
        m_adminHttp = new HttpClient(this);
    if (m_adminHttp->busy())
        return; // the answer on its way will do
    request(
        "GET", QStringLiteral("admin/desks"), {},
        [this](const HttpAnswer &a) {
            if (a.status == 200) {
                auto answer = Protocol::DesksAnswer::fromJson(a.json);
                if (answer)
                    return Q_EMIT desksFetched(*answer, {});
                return Q_EMIT desksFetched({}, answer.error().message);
            }
            QString why;
            if (a.status == 0)
                why = tr("The server cannot be reached: %1").arg(a.networkError);
            else if (a.status == 401)
                why = tr("The server asks for a new login.");
            else if (a.status == 403)
                why = tr("Only a supervisor or an administrator sees the desks.");
            else
                why = tr("The server answered %1 (%2).").arg(a.status).arg(a.code());
            Q_EMIT desksFetched({}, why);
        },
        m_adminHttp);
}

} // namespace Relais::Sync
