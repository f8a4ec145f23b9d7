#include "deskreport.h"

#include "jsonreader.h"
#include "messages.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>

namespace Relais::Protocol {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Relais::Protocol", text);
}

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QJsonValue orNull(const std::optional<qint64> &n)
{
    return n ? QJsonValue(*n) : QJsonValue(QJsonValue::Null);
}

// An ISO 8601 time, or empty; an issue for anything else.
QString isoTime(ObjectReader &r, const QString &key, Issues *issues, bool required = false)
{
    const QString s = r.string(key, required);
    if (!s.isEmpty() && !QDateTime::fromString(s, Qt::ISODateWithMs).isValid())
        issues->append(Issue{r.pathOf(key), QStringLiteral("field.time"),
                             tr("This field must be an ISO 8601 time.")});
    return s;
}

Error invalid(const Issues &issues, const QString &code, const QString &message)
{
    Error e;
    e.kind = ErrorKind::Invalid;
    e.code = code;
    e.message = message;
    e.issues = issues;
    return e;
}

} // namespace

QJsonObject DeskReport::toJson() const
{
    QJsonObject o{{QStringLiteral("desk_id"), deskId},
                  {QStringLiteral("queue_depth"), queueDepth},
                  {QStringLiteral("oldest_queued_at"), orNull(oldestQueuedAt)},
                  {QStringLiteral("app_version"), appVersion},
                  {QStringLiteral("numbers_left"), orNull(numbersLeft)},
                  {QStringLiteral("epoch"), orNull(epoch)},
                  {QStringLiteral("desk_time"), deskTime}};
    if (!host.isEmpty())
        o.insert(QStringLiteral("host"), host);
    return o;
}

Result<DeskReport> DeskReport::fromJson(const QJsonObject &o)
{
    Issues issues;
    ObjectReader r(o, QString(), &issues);
    DeskReport d;
    d.deskId = r.uuid(QStringLiteral("desk_id"));
    d.queueDepth = r.integer(QStringLiteral("queue_depth"), 0, MaxSafeInteger).value_or(0);
    d.oldestQueuedAt = isoTime(r, QStringLiteral("oldest_queued_at"), &issues);
    d.appVersion = r.string(QStringLiteral("app_version")).left(64);
    d.numbersLeft = r.integer(QStringLiteral("numbers_left"), 0, MaxSafeInteger, false);
    d.epoch = r.string(QStringLiteral("epoch"), false).left(64);
    d.deskTime = isoTime(r, QStringLiteral("desk_time"), &issues, true);
    d.host = r.string(QStringLiteral("host"), false).left(128);
    r.rejectUnknown();
    if (d.queueDepth > 0 && d.oldestQueuedAt.isEmpty() && issues.isEmpty())
        issues.append(Issue{QStringLiteral("oldest_queued_at"), QStringLiteral("field.required"),
                            tr("A desk with changes queued says when the oldest was made.")});
    if (!issues.isEmpty())
        return invalid(issues, QStringLiteral("request.invalid"), tr("The input is not valid."));
    return d;
}

QJsonObject DesksAnswer::toJson() const
{
    QJsonArray list;
    for (const DeskLine &d : desks)
        list.append(QJsonObject{{QStringLiteral("desk_id"), d.deskId},
                                {QStringLiteral("host"), orNull(d.host)},
                                {QStringLiteral("user"), orNull(d.user)},
                                {QStringLiteral("registered_at"), orNull(d.registeredAt)},
                                {QStringLiteral("last_push_at"), orNull(d.lastPushAt)},
                                {QStringLiteral("last_pull_at"), orNull(d.lastPullAt)},
                                {QStringLiteral("reported_at"), orNull(d.reportedAt)},
                                {QStringLiteral("queue_depth"), orNull(d.queueDepth)},
                                {QStringLiteral("oldest_queued_at"), orNull(d.oldestQueuedAt)},
                                {QStringLiteral("epoch_seen"), orNull(d.epochSeen)},
                                {QStringLiteral("epoch_current"), d.epochCurrent},
                                {QStringLiteral("numbers_left"), orNull(d.numbersLeft)},
                                {QStringLiteral("app_version"), orNull(d.appVersion)},
                                {QStringLiteral("clock_skew_seconds"), orNull(d.clockSkewSeconds)},
                                {QStringLiteral("late"), d.late}});
    return {{QStringLiteral("now"), now},
            {QStringLiteral("epoch"), epoch},
            {QStringLiteral("cutoff"), orNull(cutoff)},
            {QStringLiteral("desks"), list}};
}

Result<DesksAnswer> DesksAnswer::fromJson(const QJsonObject &o)
{
    // An answer: fields this reader does not know are ignored (a newer server of API v1).
    Issues issues;
    ObjectReader r(o, QString(), &issues);
    DesksAnswer a;
    a.now = isoTime(r, QStringLiteral("now"), &issues, true);
    a.epoch = r.string(QStringLiteral("epoch"), false);
    a.cutoff = isoTime(r, QStringLiteral("cutoff"), &issues);
    const QJsonArray list = r.array(QStringLiteral("desks"));
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString path = QStringLiteral("desks[%1]").arg(i);
        if (!list.at(i).isObject()) {
            issues.append(
                Issue{path, QStringLiteral("field.type"), tr("This field must be an object.")});
            continue;
        }
        ObjectReader d(list.at(i).toObject(), path, &issues);
        DeskLine line;
        line.deskId = d.uuid(QStringLiteral("desk_id"));
        line.host = d.string(QStringLiteral("host"), false);
        line.user = d.string(QStringLiteral("user"), false);
        line.registeredAt = isoTime(d, QStringLiteral("registered_at"), &issues);
        line.lastPushAt = isoTime(d, QStringLiteral("last_push_at"), &issues);
        line.lastPullAt = isoTime(d, QStringLiteral("last_pull_at"), &issues);
        line.reportedAt = isoTime(d, QStringLiteral("reported_at"), &issues);
        line.queueDepth = d.integer(QStringLiteral("queue_depth"), 0, MaxSafeInteger, false);
        line.oldestQueuedAt = isoTime(d, QStringLiteral("oldest_queued_at"), &issues);
        line.epochSeen = d.string(QStringLiteral("epoch_seen"), false);
        line.epochCurrent = d.boolean(QStringLiteral("epoch_current"), false);
        line.numbersLeft = d.integer(QStringLiteral("numbers_left"), 0, MaxSafeInteger, false);
        line.appVersion = d.string(QStringLiteral("app_version"), false);
        line.clockSkewSeconds = d.integer(QStringLiteral("clock_skew_seconds"), -MaxSafeInteger,
                                          MaxSafeInteger, false);
        line.late = d.boolean(QStringLiteral("late"), false);
        a.desks << line;
    }
    if (!issues.isEmpty())
        return invalid(issues, QString::fromUtf16(AnswerInvalid),
                       tr("The server's answer is not valid (%1: %2).")
                           .arg(issues.first().field, issues.first().message));
    return a;
}

} // namespace Relais::Protocol
