#pragma once
// The answers of the sync API (docs/api.md) as types: the server writes them with toJson(), the
// desk's sync engine reads them with fromJson(). Reading is defensive: the desk treats whatever
// comes over the network as untrusted, so fromJson() never asserts and never crashes on a missing
// field, a wrong type, a number beyond 2^53 - 1 or a row naming a column outside the synced schema
// (the desk builds SQL from column names). It returns Error::invalid-like errors with code
// "answer.invalid" and one Issue per problem, naming the field by its path ("changes[3].row.number").
// Fields the reader does not know are ignored: the server may add fields within API v1.

#include "checksum.h"
#include "protocol.h"
#include "result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Relais::Protocol {

// The code of every error fromJson() returns.
inline constexpr char16_t AnswerInvalid[] = u"answer.invalid";

// POST login.
struct LoginAnswer
{
    QString token;
    QString expiresAt; // ISO 8601 UTC
    QString role;      // clerk, supervisor, admin
    QString username;
    QString publisherId, publisherCode, publisherName;

    QJsonObject toJson() const;
    static Result<LoginAnswer> fromJson(const QJsonObject &o);
};

// POST sync/push.
struct PushAnswer
{
    QString epoch;
    qint64 epochStart = 0;
    QString deskId;
    qint64 lastSeq = 0;   // the desk's last accepted number
    qint64 backupSeq = 0; // the desk's last number inside the latest verified backup
    qint64 head = 0;
    QList<OpResult> results;

    QJsonObject toJson() const;
    static Result<PushAnswer> fromJson(const QJsonObject &o);
};

// GET sync/pull.
struct PullAnswer
{
    QString epoch;
    qint64 epochStart = 0;
    QList<ChangeEntry> changes;
    qint64 next = 0; // the cursor to store with the pulled rows
    qint64 head = 0;
    bool more = false;
    std::optional<qint64> deskLastSeq; // only when the pull named a desk this server knows
    std::optional<qint64> deskBackupSeq;

    QJsonObject toJson() const;
    static Result<PullAnswer> fromJson(const QJsonObject &o);
};

struct SnapshotCursor
{
    QString table;
    QString after; // empty: from the table's start
    friend bool operator==(const SnapshotCursor &, const SnapshotCursor &) = default;
};

// GET sync/snapshot.
struct SnapshotPage
{
    QString epoch;
    QString table;
    qint64 head = 0;
    QList<QJsonObject> rows;            // each checked against the table's columns (see above)
    std::optional<SnapshotCursor> next; // nullopt: the snapshot is complete
    qint64 total = -1; // rows of the whole snapshot, given on its first page; -1: not given

    QJsonObject toJson() const;
    static Result<SnapshotPage> fromJson(const QJsonObject &o);
};

// POST numbers/lease.
struct LeaseAnswer
{
    QString deskId;
    qint64 first = 0;
    qint64 last = 0;

    QJsonObject toJson() const;
    static Result<LeaseAnswer> fromJson(const QJsonObject &o);
};

// A text message of GET sync/notify (type "head").
struct NotifyMessage
{
    QString type = QStringLiteral("head");
    qint64 head = 0;

    QJsonObject toJson() const;
    static Result<NotifyMessage> fromJson(const QJsonObject &o);
};

// Any 4xx/5xx answer (application/problem+json).
struct ProblemAnswer
{
    int status = 0;
    QString code;
    QString title;
    QString detail;
    Issues issues;

    QJsonObject toJson() const; // as problem() writes it
    static Result<ProblemAnswer> fromJson(const QJsonObject &o);
};

// GET sync/checksums.
struct ChecksumsAnswer
{
    QString epoch;
    qint64 head = 0;
    QList<TableSum> tables;

    QJsonObject toJson() const;
    static Result<ChecksumsAnswer> fromJson(const QJsonObject &o);
};

// A row of `table` as a pull or a snapshot carries it: known columns only (writable and meta),
// each of its type; `id` a UUID. Issues name `path`.column.
void checkAnswerRow(const Table &table, const QJsonObject &row, const QString &path,
                    Issues *issues);

} // namespace Relais::Protocol
