#pragma once
// The desks at a glance (docs/api.md, "POST sync/desk-status" and "GET admin/desks"): what a desk
// tells the server at the end of each sync round, and what a supervisor reads back for every desk
// of the publisher. Both sides use these types, as for the other messages (messages.h).

#include "result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Relais::Protocol {

// POST sync/desk-status. Idempotent: the server keeps the latest report of each desk.
struct DeskReport
{
    QString deskId;
    qint64 queueDepth = 0;  // pending operations on the desk
    QString oldestQueuedAt; // ISO UTC of the oldest pending operation; empty: none
    QString appVersion;
    std::optional<qint64>
        numbersLeft;  // subscriber numbers left in the leased blocks; absent: never leased
    QString epoch;    // the server epoch the desk has seen; empty: none yet
    QString deskTime; // the desk's clock when it sent the report (ISO UTC)
    QString host;     // the computer's name, so that a supervisor knows which desk

    QJsonObject toJson() const;
    // Strict, as every request body: unknown fields, wrong types and bad times are refused.
    static Result<DeskReport> fromJson(const QJsonObject &o);
};

// One desk in GET admin/desks. Times are the server's (ISO UTC); empty: never.
struct DeskLine
{
    QString deskId;
    QString host;
    QString user; // who sent the last report (or registered the desk)
    QString registeredAt;
    QString lastPushAt;
    QString lastPullAt;
    QString reportedAt;               // when the server received the last report
    std::optional<qint64> queueDepth; // absent: the desk never reported
    QString oldestQueuedAt;
    QString epochSeen;
    bool epochCurrent = false;
    std::optional<qint64> numbersLeft;
    QString appVersion;
    std::optional<qint64> clockSkewSeconds; // desk clock minus the server's, when it reported
    bool late = false;                      // see DesksAnswer::cutoff
};

struct DesksAnswer
{
    QString now;    // the server's time
    QString epoch;  // the current epoch
    QString cutoff; // the most recent cut-off that has passed (ISO UTC); empty: none
    QList<DeskLine> desks;

    QJsonObject toJson() const;
    static Result<DesksAnswer> fromJson(const QJsonObject &o);
};

} // namespace Relais::Protocol
