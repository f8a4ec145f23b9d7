#pragma once
// The sync API's messages (see docs/api.md). Requests are parsed strictly: unknown fields, wrong
// types, numbers that JSON cannot carry exactly and columns outside the synced schema make the
// whole request malformed, so a server never half-applies something it misread.

#include "formats.h"
#include "jsonreader.h"
#include "result.h"
#include "schema.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QVariantMap>

namespace Relais::Protocol {

inline constexpr int ApiVersion = 1;
inline constexpr int MaxOpsPerPush = 1000;
inline constexpr int MaxPullLimit = 5000;
inline constexpr int MaxSnapshotLimit = 20000;
inline constexpr int MaxLeaseCount = 100000;

// One outbox operation of a desk, as pushed.
struct PushOperation
{
    qint64 seq = 0;     // desk sequence number (1, 2, 3 ...)
    QString opId;       // UUID
    QString operation;  // business operation, e.g. "subscriber.update"
    QString entity;     // synced table
    QString entityId;   // row UUID
    QVariantMap fields; // column -> new value (QString, qint64 or null)
    QVariantMap base;   // column -> value it replaced (empty on create)
    QString clerk;
    QString at; // ISO 8601 time on the desk
    int schemaVersion = 0;
    bool override = false; // supervisor: apply over conflicting fields

    bool isCreate() const { return operation.endsWith(QLatin1StringView(".create")); }
    QJsonObject toJson() const;
    // Compact JSON with sorted keys: the same operation always gives the same bytes.
    QByteArray canonicalJson() const;
    // SHA-256 (hex) of canonicalJson(): a repeated number with another digest is refused.
    QByteArray digest() const;
    static QByteArray digestOf(const QByteArray &canonicalJson);
};

struct PushRequest
{
    QString deskId;
    QList<PushOperation> ops;
    QJsonObject toJson() const;
};

// Parses and checks a push body; Error::invalid with every issue on failure.
Result<PushRequest> parsePushRequest(const QJsonObject &body);

enum class OpStatus { Applied, Conflict, Rejected };
QString opStatusCode(OpStatus s);
std::optional<OpStatus> opStatusFromCode(const QString &code);

struct FieldConflict
{
    QString field;
    QVariant base;   // what the desk saw before its change
    QVariant desk;   // what the desk wrote
    QVariant server; // what the server holds now
};

// The stored answer to one operation; a repeat of the operation gets the same answer back.
struct OpResult
{
    qint64 seq = 0;
    QString opId;
    OpStatus status = OpStatus::Applied;
    qint64 rev = 0; // global change sequence of the applied fields (0: nothing applied)
    QList<FieldConflict> conflicts; // Conflict only
    QString code;                   // Rejected only: stable reason code
    QString message;
    Issues issues;
    bool repeated = false; // answered from the stored result

    QJsonObject toJson() const;
    // Lenient, for results the server stored itself: never fails, fields of a wrong type read as
    // empty or 0, an unknown status as Rejected.
    static OpResult fromJson(const QJsonObject &o);
    // Strict, for results read off the network (messages.h): an error naming each bad field.
    static Result<OpResult> read(const QJsonObject &o);
};

// One entry of the global change sequence, as pulled.
struct ChangeEntry
{
    qint64 seq = 0;
    QString entity;
    QString id;
    QJsonObject row; // the row after the change (all columns)
    QJsonObject toJson() const;
    // Checks the entry as messages.h checks answers (implemented in messages.cpp).
    static Result<ChangeEntry> fromJson(const QJsonObject &o);
};

// Reads {column: value} for `table`, checking names and types; issues name `path`.column.
QVariantMap readColumns(const Table &table, const QJsonObject &o, const QString &path,
                        Issues *issues);

// A field value from JSON, checked against the column's type; nullopt when the type is wrong.
std::optional<QVariant> columnValueFromJson(const Column &column, const QJsonValue &v);
QJsonValue columnValueToJson(const QVariant &v);
QJsonObject variantMapToJson(const QVariantMap &map);

// Writing JSON text directly, for the large responses (pull pages, snapshots, stored rows) where
// building a QJsonObject per row costs more than the database read.
namespace JsonText {
// The canonical escapes, on which digests and checksums depend (appendJsonString, formats.h).
inline void appendString(QByteArray &out, QStringView s)
{
    appendJsonString(out, s, JsonEscapes::Canonical);
}
// null, a whole number, or a string (as columnValueToJson would give it).
void appendValue(QByteArray &out, const QVariant &v);
} // namespace JsonText

// RFC 9457 problem body with a stable code.
QJsonObject problem(int status, const QString &code, const QString &title, const QString &detail,
                    const Issues &issues = {});
QJsonArray issuesToJson(const Issues &issues);
Issues issuesFromJson(const QJsonArray &a);

} // namespace Relais::Protocol
