#include "protocol.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonDocument>

namespace Relais::Protocol {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Relais::Protocol", text);
}

bool isOperationName(const QString &s)
{
    // "<entity-ish>.<verb>": lower-case letters, digits and underscores on both sides of one dot.
    if (s.size() > 64)
        return false;
    const qsizetype dot = s.indexOf(u'.');
    if (dot <= 0 || dot == s.size() - 1 || s.indexOf(u'.', dot + 1) >= 0)
        return false;
    for (QChar c : s)
        if (!(c == u'.' || c == u'_' || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9')))
            return false;
    return true;
}

} // namespace

QVariantMap readColumns(const Table &table, const QJsonObject &o, const QString &path,
                        Issues *issues)
{
    QVariantMap out;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        const QString field = path + u'.' + it.key();
        const Column *c = columnOf(table, it.key());
        if (!c) {
            issues->append(
                Issue{field, QStringLiteral("field.unknown"),
                      tr("The table %1 has no writable column %2.").arg(table.name, it.key())});
            continue;
        }
        const auto v = columnValueFromJson(*c, it.value());
        if (!v) {
            issues->append(Issue{field, QStringLiteral("field.type"),
                                 c->type == ColumnType::Integer
                                     ? tr("This column holds a whole number%1.")
                                           .arg(c->nullable ? tr(" or null") : QString())
                                     : tr("This column holds text%1.")
                                           .arg(c->nullable ? tr(" or null") : QString())});
            continue;
        }
        out.insert(it.key(), *v);
    }
    return out;
}

std::optional<QVariant> columnValueFromJson(const Column &column, const QJsonValue &v)
{
    if (v.isNull())
        return column.nullable ? std::optional<QVariant>(QVariant()) : std::nullopt;
    if (column.type == ColumnType::Text) {
        if (!v.isString() || v.toString().size() > 4000)
            return std::nullopt;
        return QVariant(v.toString());
    }
    // The desk writes booleans as 0/1 integers; accept JSON booleans for the same columns.
    if (v.isBool())
        return QVariant(qint64(v.toBool() ? 1 : 0));
    const auto n = toSafeInteger(v);
    if (!n)
        return std::nullopt;
    return QVariant(*n);
}

QJsonValue columnValueToJson(const QVariant &v)
{
    if (!v.isValid() || v.isNull())
        return QJsonValue(QJsonValue::Null);
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
    case QMetaType::Long:
    case QMetaType::Short: return QJsonValue(v.toLongLong());
    case QMetaType::Bool: return QJsonValue(v.toBool() ? 1 : 0);
    case QMetaType::Double: return QJsonValue(v.toDouble());
    default: return QJsonValue(v.toString());
    }
}

QJsonObject variantMapToJson(const QVariantMap &map)
{
    QJsonObject o;
    for (auto it = map.constBegin(); it != map.constEnd(); ++it)
        o.insert(it.key(), columnValueToJson(it.value()));
    return o;
}

QJsonObject PushOperation::toJson() const
{
    QJsonObject o{{QStringLiteral("seq"), seq},
                  {QStringLiteral("op_id"), opId},
                  {QStringLiteral("operation"), operation},
                  {QStringLiteral("entity"), entity},
                  {QStringLiteral("entity_id"), entityId},
                  {QStringLiteral("fields"), variantMapToJson(fields)},
                  {QStringLiteral("base"), variantMapToJson(base)},
                  {QStringLiteral("clerk"), clerk},
                  {QStringLiteral("at"), at},
                  {QStringLiteral("schema_version"), schemaVersion}};
    if (override)
        o.insert(QStringLiteral("override"), true);
    return o;
}

QByteArray PushOperation::canonicalJson() const
{
    // Keys in sorted order at every level (the order QJsonObject itself writes), values as
    // toJson() gives them; written directly because a server computes this for every operation.
    const auto appendMap = [](QByteArray &out, const QVariantMap &map) {
        out += '{';
        bool first = true;
        for (auto it = map.cbegin(); it != map.cend(); ++it) {
            if (!first)
                out += ',';
            first = false;
            JsonText::appendString(out, it.key());
            out += ':';
            JsonText::appendValue(out, it.value());
        }
        out += '}';
    };
    QByteArray out;
    out.reserve(1024);
    out += "{\"at\":";
    JsonText::appendString(out, at);
    out += ",\"base\":";
    appendMap(out, base);
    out += ",\"clerk\":";
    JsonText::appendString(out, clerk);
    out += ",\"entity\":";
    JsonText::appendString(out, entity);
    out += ",\"entity_id\":";
    JsonText::appendString(out, entityId);
    out += ",\"fields\":";
    appendMap(out, fields);
    out += ",\"op_id\":";
    JsonText::appendString(out, opId);
    out += ",\"operation\":";
    JsonText::appendString(out, operation);
    if (override)
        out += ",\"override\":true";
    out += ",\"schema_version\":" + QByteArray::number(schemaVersion)
           + ",\"seq\":" + QByteArray::number(seq) + '}';
    return out;
}

QByteArray PushOperation::digestOf(const QByteArray &canonicalJson)
{
    return QCryptographicHash::hash(canonicalJson, QCryptographicHash::Sha256).toHex();
}

QByteArray PushOperation::digest() const
{
    return digestOf(canonicalJson());
}

namespace JsonText {

void appendValue(QByteArray &out, const QVariant &v)
{
    if (!v.isValid() || v.isNull()) {
        out += "null";
        return;
    }
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
    case QMetaType::Long:
    case QMetaType::Short: out += QByteArray::number(v.toLongLong()); return;
    case QMetaType::Bool: out += v.toBool() ? '1' : '0'; return;
    default: appendString(out, v.toString());
    }
}

} // namespace JsonText

QJsonObject PushRequest::toJson() const
{
    QJsonArray a;
    for (const PushOperation &op : ops)
        a.append(op.toJson());
    return {{QStringLiteral("desk_id"), deskId}, {QStringLiteral("ops"), a}};
}

Result<PushRequest> parsePushRequest(const QJsonObject &body)
{
    Issues issues;
    PushRequest req;
    ObjectReader r(body, QString(), &issues);
    req.deskId = r.uuid(QStringLiteral("desk_id"));
    const QJsonArray ops = r.array(QStringLiteral("ops"));
    r.rejectUnknown();
    if (ops.size() > MaxOpsPerPush)
        issues << Issue{QStringLiteral("ops"), QStringLiteral("ops.too_many"),
                        tr("A push carries at most %1 operations.").arg(MaxOpsPerPush)};
    for (qsizetype i = 0; i < ops.size() && i < MaxOpsPerPush; ++i) {
        const QString path = QStringLiteral("ops[%1]").arg(i);
        if (!ops.at(i).isObject()) {
            issues << Issue{path, QStringLiteral("field.type"),
                            tr("An operation is a JSON object.")};
            continue;
        }
        ObjectReader o(ops.at(i).toObject(), path, &issues);
        PushOperation op;
        op.seq = o.integer(QStringLiteral("seq"), 1, MaxSafeInteger).value_or(0);
        op.opId = o.uuid(QStringLiteral("op_id"));
        // The desk's outbox rows carry desk_id; accept it when it matches the request's.
        const QString deskId = o.uuid(QStringLiteral("desk_id"), false);
        if (!deskId.isEmpty() && !req.deskId.isEmpty() && deskId != req.deskId)
            issues << Issue{o.pathOf(QStringLiteral("desk_id")), QStringLiteral("desk.mismatch"),
                            tr("The operation belongs to another desk than the request.")};
        op.operation = o.string(QStringLiteral("operation"));
        op.entity = o.string(QStringLiteral("entity"));
        op.entityId = o.uuid(QStringLiteral("entity_id"));
        const QJsonObject fields = o.object(QStringLiteral("fields"));
        const QJsonObject base = o.object(QStringLiteral("base"), false);
        op.clerk = o.string(QStringLiteral("clerk"));
        op.at = o.string(QStringLiteral("at"));
        op.schemaVersion = int(o.integer(QStringLiteral("schema_version"), 1, 1000).value_or(0));
        op.override = o.boolean(QStringLiteral("override"), false);
        o.rejectUnknown();
        if (!op.operation.isEmpty() && !isOperationName(op.operation))
            issues << Issue{o.pathOf(QStringLiteral("operation")),
                            QStringLiteral("operation.format"),
                            tr("An operation is named like subscriber.update.")};
        if (op.clerk.size() > 200)
            issues << Issue{o.pathOf(QStringLiteral("clerk")), QStringLiteral("field.too_long"),
                            tr("At most 200 characters.")};
        if (!op.at.isEmpty() && !QDateTime::fromString(op.at, Qt::ISODateWithMs).isValid())
            issues << Issue{o.pathOf(QStringLiteral("at")), QStringLiteral("field.datetime"),
                            tr("A time is written in ISO 8601 (2026-03-01T09:30:00.000Z).")};
        const Table *table = op.entity.isEmpty() ? nullptr : tableByName(op.entity);
        if (!op.entity.isEmpty() && !table) {
            issues << Issue{o.pathOf(QStringLiteral("entity")), QStringLiteral("entity.unknown"),
                            tr("%1 is not a synced table.").arg(op.entity)};
        } else if (table) {
            op.fields = readColumns(*table, fields, o.pathOf(QStringLiteral("fields")), &issues);
            op.base = readColumns(*table, base, o.pathOf(QStringLiteral("base")), &issues);
            if (fields.isEmpty())
                issues << Issue{o.pathOf(QStringLiteral("fields")), QStringLiteral("fields.empty"),
                                tr("An operation changes at least one column.")};
            // An update without the value it replaced cannot be checked for a conflict: applied
            // as it stands, it would silently overwrite whatever another desk wrote since.
            if (!op.isCreate())
                for (auto it = fields.constBegin(); it != fields.constEnd(); ++it)
                    if (!base.contains(it.key()))
                        issues
                            << Issue{o.pathOf(QStringLiteral("base")) + u'.' + it.key(),
                                     QStringLiteral("base.missing"),
                                     tr("An update gives the value each changed column replaced.")};
        }
        if (i > 0 && op.seq != 0 && req.ops.size() == i && req.ops.last().seq != 0
            && op.seq != req.ops.last().seq + 1)
            issues << Issue{o.pathOf(QStringLiteral("seq")), QStringLiteral("seq.order"),
                            tr("Operations of one push follow each other (expected %1).")
                                .arg(req.ops.last().seq + 1)};
        req.ops << op;
    }
    if (!issues.isEmpty())
        return Error::invalid(issues);
    return req;
}

QString opStatusCode(OpStatus s)
{
    switch (s) {
    case OpStatus::Applied: return QStringLiteral("applied");
    case OpStatus::Conflict: return QStringLiteral("conflict");
    case OpStatus::Rejected: return QStringLiteral("rejected");
    }
    return {};
}

std::optional<OpStatus> opStatusFromCode(const QString &code)
{
    for (OpStatus s : {OpStatus::Applied, OpStatus::Conflict, OpStatus::Rejected})
        if (opStatusCode(s) == code)
            return s;
    return std::nullopt;
}

QJsonArray issuesToJson(const Issues &issues)
{
    QJsonArray a;
    for (const Issue &i : issues)
        a.append(QJsonObject{{QStringLiteral("field"), i.field},
                             {QStringLiteral("code"), i.rule},
                             {QStringLiteral("message"), i.message}});
    return a;
}

Issues issuesFromJson(const QJsonArray &a)
{
    Issues out;
    for (const QJsonValue &v : a) {
        const QJsonObject o = v.toObject();
        out << Issue{o.value(QStringLiteral("field")).toString(),
                     o.value(QStringLiteral("code")).toString(),
                     o.value(QStringLiteral("message")).toString()};
    }
    return out;
}

QJsonObject OpResult::toJson() const
{
    QJsonObject o{{QStringLiteral("seq"), seq},
                  {QStringLiteral("op_id"), opId},
                  {QStringLiteral("status"), opStatusCode(status)},
                  {QStringLiteral("rev"), rev}};
    if (!conflicts.isEmpty()) {
        QJsonArray a;
        for (const FieldConflict &c : conflicts)
            a.append(QJsonObject{{QStringLiteral("field"), c.field},
                                 {QStringLiteral("base"), columnValueToJson(c.base)},
                                 {QStringLiteral("desk"), columnValueToJson(c.desk)},
                                 {QStringLiteral("server"), columnValueToJson(c.server)}});
        o.insert(QStringLiteral("conflicts"), a);
    }
    if (status == OpStatus::Rejected) {
        o.insert(QStringLiteral("code"), code);
        o.insert(QStringLiteral("message"), message);
        if (!issues.isEmpty())
            o.insert(QStringLiteral("issues"), issuesToJson(issues));
    } else if (!code.isEmpty()) {
        // An applied operation with a note, e.g. "reseeded".
        o.insert(QStringLiteral("code"), code);
        o.insert(QStringLiteral("message"), message);
    }
    if (repeated)
        o.insert(QStringLiteral("repeated"), true);
    return o;
}

OpResult OpResult::fromJson(const QJsonObject &o)
{
    // Values are taken only when they have the expected type: toInteger() of a huge or fractional
    // number, or of a string, gives 0, and a conflict value that is neither null, text nor a whole
    // number reads as null.
    const auto integer = [&o](const char *key) {
        return toSafeInteger(o.value(QString::fromLatin1(key))).value_or(0);
    };
    const auto plain = [](const QJsonValue &v) -> QVariant {
        if (v.isString())
            return v.toString();
        if (const auto n = toSafeInteger(v))
            return *n;
        return {};
    };
    OpResult r;
    r.seq = integer("seq");
    r.opId = o.value(QStringLiteral("op_id")).toString();
    r.status = opStatusFromCode(o.value(QStringLiteral("status")).toString())
                   .value_or(OpStatus::Rejected);
    r.rev = integer("rev");
    for (const QJsonValue &v : o.value(QStringLiteral("conflicts")).toArray()) {
        const QJsonObject c = v.toObject();
        r.conflicts << FieldConflict{c.value(QStringLiteral("field")).toString(),
                                     plain(c.value(QStringLiteral("base"))),
                                     plain(c.value(QStringLiteral("desk"))),
                                     plain(c.value(QStringLiteral("server")))};
    }
    r.code = o.value(QStringLiteral("code")).toString();
    r.message = o.value(QStringLiteral("message")).toString();
    r.issues = issuesFromJson(o.value(QStringLiteral("issues")).toArray());
    r.repeated = o.value(QStringLiteral("repeated")).toBool();
    return r;
}

QJsonObject ChangeEntry::toJson() const
{
    return {{QStringLiteral("seq"), seq},
            {QStringLiteral("entity"), entity},
            {QStringLiteral("id"), id},
            {QStringLiteral("row"), row}};
}

QJsonObject problem(int status, const QString &code, const QString &title, const QString &detail,
                    const Issues &issues)
{
    QJsonObject o{{QStringLiteral("type"),
                   QString(QStringLiteral("https://relais.invalid/problems/") + code)},
                  {QStringLiteral("title"), title},
                  {QStringLiteral("status"), status},
                  {QStringLiteral("code"), code}};
    if (!detail.isEmpty())
        o.insert(QStringLiteral("detail"), detail);
    if (!issues.isEmpty())
        o.insert(QStringLiteral("issues"), issuesToJson(issues));
    return o;
}

} // namespace Relais::Protocol
