#pragma once
// What the desk's sync engine tells the window and relaisctl: its state, honestly ("up to date"
// only after a round trip showed an empty queue and the cursor at the server's head), and a receipt
// for every round.

#include <QMetaType>
#include <QString>

namespace Relais::Sync {

enum class State {
    LocalOnly, // no server configured: the desk works on its own file
    Offline,   // the server cannot be reached; work goes on, changes are queued
    Connecting,
    Sending,   // pushing queued operations
    Receiving, // pulling changes, or the first copy (bootstrap)
    UpToDate,
    NeedsAttention, // rejected operations or conflicts wait for a clerk, or the disk failed
    LoginNeeded,    // the token expired or was refused: work goes on, a password is needed
};

QString stateCode(State s); // "offline", "up_to_date", ...

struct Overview
{
    State state = State::LocalOnly;
    qint64 pending = 0;          // operations queued on this desk
    qint64 rejected = 0;         // set aside by the server, waiting for a clerk
    qint64 conflicts = 0;        // fields in conflict, waiting for a clerk
    qint64 progressDone = 0;     // sending n / receiving x of y
    qint64 progressTotal = 0;    // 0: unknown
    qint64 serverSeq = 0;        // the server's change sequence the desk is at
    QString lastSyncAt;          // ISO UTC time of the last complete round
    QString nextAttemptAt;       // ISO UTC time of the next try (offline, backing off)
    QString message;             // what went wrong, or what the clerk should know (translated)
    qint64 numbersLeft = -1;     // subscriber numbers left in the leased blocks (-1: never leased)
    qint64 clockSkewSeconds = 0; // desk clock minus the server's (from its Date header)
    bool bootstrapping = false;
    QString
        role; // the logged-in user's role on the server (clerk, supervisor, admin); empty: unknown
};

// One round, as written to the journal and printed by `relaisctl sync`.
struct Receipt
{
    QString outcome = QStringLiteral("error"); // ok, attention, offline, login, cancelled, error
    int pushed = 0;
    int applied = 0;
    int conflicts = 0;
    int rejected = 0;
    int repeated = 0;
    int resent = 0;     // operations sent again after the server lost them (a restore)
    int overlapped = 0; // pushes that left while the answer to the one before was being recorded
    qint64 pulled = 0;
    qint64 serverSeq = 0;
    QString epoch;
    qint64 durationMs = 0;
    QString message;
    QString startedAt;
};

} // namespace Relais::Sync

Q_DECLARE_METATYPE(Relais::Sync::Overview)
Q_DECLARE_METATYPE(Relais::Sync::Receipt)
