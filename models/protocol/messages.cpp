#include "messages.h"

#include <QCoreApplication>

namespace Relais::Protocol {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Relais::Protocol", text);
}

Error answerError(const Issues &issues)
{
    Error e;
    e.kind = ErrorKind::Invalid;
    e.code = QString::fromUtf16(AnswerInvalid);
    const Issue &first = issues.first();
    e.message = tr("The server's answer is not valid (%1: %2).").arg(first.field, first.message);
    e.issues = issues;
    return e;
}

// Reads the fields of an answer. Unlike a request, an answer may carry fields this reader does not
// know (a newer server of the same API version); every field it does read is checked.
class AnswerReader
{
public:
    AnswerReader(const QJsonObject &o, QString path, Issues *issues)
        : m_r(o, std::move(path), issues), m_o(o), m_issues(issues)
    {
    }
    QString string(const char *key, bool required = true)
    {
        return m_r.string(QString::fromLatin1(key), required);
    }
    QString nonEmpty(const char *key)
    {
        const QString k = QString::fromLatin1(key);
        const qsizetype before = m_issues->size();
        const QString s = m_r.string(k);
        if (s.isEmpty() && m_issues->size() == before)
            add(key, QStringLiteral("field.empty"), tr("This field must not be empty."));
        return s;
    }
    QString uuid(const char *key, bool required = true)
    {
        return m_r.uuid(QString::fromLatin1(key), required);
    }
    qint64 count(const char *key, qint64 min = 0, qint64 max = MaxSafeInteger)
    {
        return m_r.integer(QString::fromLatin1(key), min, max).value_or(0);
    }
    std::optional<qint64> optionalCount(const char *key)
    {
        return m_r.integer(QString::fromLatin1(key), 0, MaxSafeInteger, false);
    }
    bool requiredBool(const char *key)
    {
        const QString k = QString::fromLatin1(key);
        if (!m_o.contains(k)) {
            add(key, QStringLiteral("field.required"), tr("This field is required."));
            return false;
        }
        return m_r.boolean(k, false);
    }
    bool optionalBool(const char *key) { return m_r.boolean(QString::fromLatin1(key), false); }
    QJsonObject object(const char *key, bool required = true)
    {
        return m_r.object(QString::fromLatin1(key), required);
    }
    QJsonArray array(const char *key, bool required = true)
    {
        return m_r.array(QString::fromLatin1(key), required);
    }
    bool has(const char *key) const { return m_o.contains(QString::fromLatin1(key)); }
    QJsonValue value(const char *key) const { return m_o.value(QString::fromLatin1(key)); }
    QString pathOf(const char *key) const { return m_r.pathOf(QString::fromLatin1(key)); }
    void add(const char *key, const QString &rule, const QString &message)
    {
        m_issues->append(Issue{pathOf(key), rule, message});
    }

private:
    ObjectReader m_r;
    QJsonObject m_o;
    Issues *m_issues;
};

QString indexed(const QString &path, qsizetype i)
{
    return path + u'[' + QString::number(i) + u']';
}

// A value as a column holds it: null, a whole number or text; nullopt for anything else.
std::optional<QVariant> plainValue(const QJsonValue &v)
{
    if (v.isNull())
        return QVariant();
    if (v.isString())
        return QVariant(v.toString());
    if (v.isBool())
        return QVariant(qint64(v.toBool() ? 1 : 0));
    if (const auto n = toSafeInteger(v))
        return QVariant(*n);
    return std::nullopt;
}

const Table *knownTable(AnswerReader &r, const char *key, const QString &name)
{
    if (name.isEmpty())
        return nullptr; // already reported
    const Table *t = tableByName(name);
    if (!t)
        r.add(key, QStringLiteral("entity.unknown"), tr("%1 is not a synced table.").arg(name));
    return t;
}

Issues readIssues(const QJsonArray &a, const QString &path, Issues *issues)
{
    Issues out;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QString here = indexed(path, i);
        if (!a.at(i).isObject()) {
            issues->append(
                Issue{here, QStringLiteral("field.type"), tr("This field must be an object.")});
            continue;
        }
        AnswerReader r(a.at(i).toObject(), here, issues);
        Issue issue;
        issue.field = r.string("field", false);
        issue.rule = r.string("code");
        issue.message = r.string("message", false);
        out << issue;
    }
    return out;
}

OpResult readOpResult(const QJsonObject &o, const QString &path, Issues *issues)
{
    AnswerReader r(o, path, issues);
    OpResult res;
    res.seq = r.count("seq", 1);
    res.opId = r.uuid("op_id");
    const QString status = r.string("status");
    if (const auto s = opStatusFromCode(status))
        res.status = *s;
    else if (!status.isEmpty())
        r.add("status", QStringLiteral("status.unknown"),
              tr("One of applied, conflict, rejected."));
    res.rev = r.count("rev");
    const QJsonArray conflicts = r.array("conflicts", false);
    for (qsizetype i = 0; i < conflicts.size(); ++i) {
        const QString here = indexed(r.pathOf("conflicts"), i);
        if (!conflicts.at(i).isObject()) {
            issues->append(
                Issue{here, QStringLiteral("field.type"), tr("This field must be an object.")});
            continue;
        }
        const QJsonObject c = conflicts.at(i).toObject();
        AnswerReader cr(c, here, issues);
        FieldConflict fc;
        fc.field = cr.nonEmpty("field");
        QVariant *targets[] = {&fc.base, &fc.desk, &fc.server};
        const char *keys[] = {"base", "desk", "server"};
        for (int k = 0; k < 3; ++k) {
            const auto v = plainValue(cr.value(keys[k]));
            if (!v)
                cr.add(keys[k], QStringLiteral("field.type"),
                       tr("A value is null, a whole number or text."));
            else
                *targets[k] = *v;
        }
        res.conflicts << fc;
    }
    res.code = r.string("code", false);
    res.message = r.string("message", false);
    res.issues = readIssues(r.array("issues", false), r.pathOf("issues"), issues);
    res.repeated = r.optionalBool("repeated");
    if (res.status == OpStatus::Rejected && res.code.isEmpty() && r.has("status") && !r.has("code"))
        r.add("code", QStringLiteral("field.required"), tr("A rejection carries its reason code."));
    return res;
}

ChangeEntry readChange(const QJsonObject &o, const QString &path, Issues *issues)
{
    AnswerReader r(o, path, issues);
    ChangeEntry c;
    c.seq = r.count("seq", 1);
    c.entity = r.string("entity");
    c.id = r.uuid("id");
    c.row = r.object("row");
    const Table *table = knownTable(r, "entity", c.entity);
    if (table && r.has("row") && r.value("row").isObject()) {
        checkAnswerRow(*table, c.row, r.pathOf("row"), issues);
        if (!c.id.isEmpty() && c.row.value(QStringLiteral("id")).toString().toLower() != c.id)
            issues->append(Issue{r.pathOf("row") + QStringLiteral(".id"),
                                 QStringLiteral("row.id_mismatch"),
                                 tr("The row is not the one the change names.")});
    }
    return c;
}

template<typename T> Result<T> finish(T value, const Issues &issues)
{
    if (!issues.isEmpty())
        return answerError(issues);
    return value;
}

} // namespace

void checkAnswerRow(const Table &table, const QJsonObject &row, const QString &path, Issues *issues)
{
    // Runs for every row of every page: the path and the message are made only for an issue.
    static const QString kId = QStringLiteral("id");
    if (!row.contains(kId))
        issues->append(Issue{path + QStringLiteral(".id"), QStringLiteral("field.required"),
                             tr("This field is required.")});
    for (auto it = row.constBegin(); it != row.constEnd(); ++it) {
        const QString key = it.key();
        const QJsonValue value = it.value();
        const Column *c = columnOf(table, key);
        bool ok = true;
        if (c)
            ok = columnValueFromJson(*c, value).has_value();
        else if (key == kId)
            ok = value.isString() && isUuid(value.toString());
        else if (key == u"rev")
            ok = toSafeInteger(value).value_or(-1) >= 0;
        else if (key == u"updated_at" || key == u"updated_by")
            ok = value.isString();
        else {
            issues->append(Issue{path + u'.' + key, QStringLiteral("field.unknown"),
                                 tr("The table %1 has no column %2.").arg(table.name, key)});
            continue;
        }
        if (ok)
            continue;
        QString message;
        if (c)
            message = c->type == ColumnType::Integer ? tr("This column holds a whole number.")
                                                     : tr("This column holds text.");
        else if (key == kId)
            message = tr("This field must be a UUID.");
        else if (key == u"rev")
            message = tr("This field must be a whole number.");
        else
            message = tr("This field must be a string.");
        issues->append(Issue{path + u'.' + key, QStringLiteral("field.type"), message});
    }
}

Result<ChangeEntry> ChangeEntry::fromJson(const QJsonObject &o)
{
    Issues issues;
    ChangeEntry c = readChange(o, QString(), &issues);
    return finish(std::move(c), issues);
}

Result<OpResult> OpResult::read(const QJsonObject &o)
{
    Issues issues;
    OpResult r = readOpResult(o, QString(), &issues);
    return finish(std::move(r), issues);
}

// ---- login ---------------------------------------------------------------------------------------

QJsonObject LoginAnswer::toJson() const
{
    return {{QStringLiteral("token"), token},
            {QStringLiteral("expires_at"), expiresAt},
            {QStringLiteral("role"), role},
            {QStringLiteral("username"), username},
            {QStringLiteral("publisher"), QJsonObject{{QStringLiteral("id"), publisherId},
                                                      {QStringLiteral("code"), publisherCode},
                                                      {QStringLiteral("name"), publisherName}}}};
}

Result<LoginAnswer> LoginAnswer::fromJson(const QJsonObject &o)
{
    Issues issues;
    AnswerReader r(o, QString(), &issues);
    LoginAnswer a;
    a.token = r.nonEmpty("token");
    a.expiresAt = r.nonEmpty("expires_at");
    a.role = r.string("role");
    if (!a.role.isEmpty() && a.role != u"clerk" && a.role != u"supervisor" && a.role != u"admin")
        r.add("role", QStringLiteral("role.unknown"), tr("One of clerk, supervisor, admin."));
    a.username = r.nonEmpty("username");
    const QJsonObject p = r.object("publisher");
    if (r.value("publisher").isObject()) {
        AnswerReader pr(p, r.pathOf("publisher"), &issues);
        a.publisherId = pr.uuid("id");
        a.publisherCode = pr.nonEmpty("code");
        a.publisherName = pr.string("name");
    }
    return finish(std::move(a), issues);
}

// ---- push ----------------------------------------------------------------------------------------

QJsonObject PushAnswer::toJson() const
{
    QJsonArray a;
    for (const OpResult &r : results)
        a.append(r.toJson());
    return {{QStringLiteral("epoch"), epoch},
            {QStringLiteral("epoch_start"), epochStart},
            {QStringLiteral("desk_id"), deskId},
            {QStringLiteral("last_seq"), lastSeq},
            {QStringLiteral("backup_seq"), backupSeq},
            {QStringLiteral("head"), head},
            {QStringLiteral("results"), a}};
}

Result<PushAnswer> PushAnswer::fromJson(const QJsonObject &o)
{
    Issues issues;
    AnswerReader r(o, QString(), &issues);
    PushAnswer a;
    a.epoch = r.nonEmpty("epoch");
    a.epochStart = r.count("epoch_start");
    a.deskId = r.uuid("desk_id");
    a.lastSeq = r.count("last_seq");
    a.backupSeq = r.count("backup_seq");
    a.head = r.count("head");
    const QJsonArray results = r.array("results");
    a.results.reserve(results.size());
    for (qsizetype i = 0; i < results.size(); ++i) {
        const QString here = indexed(r.pathOf("results"), i);
        if (!results.at(i).isObject()) {
            issues << Issue{here, QStringLiteral("field.type"),
                            tr("This field must be an object.")};
            continue;
        }
        a.results << readOpResult(results.at(i).toObject(), here, &issues);
    }
    return finish(std::move(a), issues);
}

// ---- pull ----------------------------------------------------------------------------------------

QJsonObject PullAnswer::toJson() const
{
    QJsonArray a;
    for (const ChangeEntry &c : changes)
        a.append(c.toJson());
    QJsonObject o{{QStringLiteral("epoch"), epoch}, {QStringLiteral("epoch_start"), epochStart},
                  {QStringLiteral("changes"), a},   {QStringLiteral("next"), next},
                  {QStringLiteral("head"), head},   {QStringLiteral("more"), more}};
    if (deskLastSeq)
        o.insert(QStringLiteral("desk_last_seq"), *deskLastSeq);
    if (deskBackupSeq)
        o.insert(QStringLiteral("desk_backup_seq"), *deskBackupSeq);
    return o;
}

Result<PullAnswer> PullAnswer::fromJson(const QJsonObject &o)
{
    Issues issues;
    AnswerReader r(o, QString(), &issues);
    PullAnswer a;
    a.epoch = r.nonEmpty("epoch");
    a.epochStart = r.count("epoch_start");
    const QJsonArray changes = r.array("changes");
    a.next = r.count("next");
    a.head = r.count("head");
    a.more = r.requiredBool("more");
    a.deskLastSeq = r.optionalCount("desk_last_seq");
    a.deskBackupSeq = r.optionalCount("desk_backup_seq");
    a.changes.reserve(changes.size());
    qint64 previous = 0;
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const QString here = indexed(r.pathOf("changes"), i);
        if (!changes.at(i).isObject()) {
            issues << Issue{here, QStringLiteral("field.type"),
                            tr("This field must be an object.")};
            continue;
        }
        ChangeEntry c = readChange(changes.at(i).toObject(), here, &issues);
        // The desk stores `next` as its cursor: changes out of order, or past the cursor, would
        // make it skip some for good.
        if (c.seq != 0 && c.seq <= previous)
            issues << Issue{here + QStringLiteral(".seq"), QStringLiteral("seq.order"),
                            tr("Changes come in increasing sequence order.")};
        if (c.seq > a.next && r.has("next"))
            issues << Issue{here + QStringLiteral(".seq"), QStringLiteral("seq.beyond_next"),
                            tr("A change is numbered past the answer's next cursor.")};
        previous = qMax(previous, c.seq);
        a.changes << std::move(c);
    }
    return finish(std::move(a), issues);
}

// ---- snapshot ------------------------------------------------------------------------------------

QJsonObject SnapshotPage::toJson() const
{
    QJsonArray a;
    for (const QJsonObject &row : rows)
        a.append(row);
    QJsonValue n(QJsonValue::Null);
    if (next) {
        QJsonObject c{{QStringLiteral("table"), next->table}};
        if (!next->after.isEmpty())
            c.insert(QStringLiteral("after"), next->after);
        n = c;
    }
    QJsonObject o{{QStringLiteral("epoch"), epoch},
                  {QStringLiteral("table"), table},
                  {QStringLiteral("head"), head},
                  {QStringLiteral("rows"), a},
                  {QStringLiteral("next"), n}};
    if (total >= 0)
        o.insert(QStringLiteral("total"), total);
    return o;
}

Result<SnapshotPage> SnapshotPage::fromJson(const QJsonObject &o)
{
    Issues issues;
    AnswerReader r(o, QString(), &issues);
    SnapshotPage p;
    p.epoch = r.nonEmpty("epoch");
    p.table = r.string("table");
    const Table *table = knownTable(r, "table", p.table);
    p.head = r.count("head");
    if (r.has("total"))
        p.total = r.count("total");
    const QJsonArray rows = r.array("rows");
    p.rows.reserve(rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QString here = indexed(r.pathOf("rows"), i);
        if (!rows.at(i).isObject()) {
            issues << Issue{here, QStringLiteral("field.type"),
                            tr("This field must be an object.")};
            continue;
        }
        const QJsonObject row = rows.at(i).toObject();
        if (table)
            checkAnswerRow(*table, row, here, &issues);
        p.rows << row;
    }
    // `next` is required: null ends the snapshot, so a missing one must not be read as "done".
    if (!r.has("next")) {
        r.add("next", QStringLiteral("field.required"), tr("This field is required."));
    } else if (!r.value("next").isNull()) {
        const QJsonObject n = r.object("next");
        if (r.value("next").isObject()) {
            AnswerReader nr(n, r.pathOf("next"), &issues);
            SnapshotCursor c;
            c.table = nr.string("table");
            knownTable(nr, "table", c.table);
            c.after = nr.uuid("after", false);
            p.next = c;
        }
    }
    return finish(std::move(p), issues);
}

// ---- leases, notify, problems, checksums -------------------------------------------------------------

QJsonObject LeaseAnswer::toJson() const
{
    return {{QStringLiteral("desk_id"), deskId},
            {QStringLiteral("first"), first},
            {QStringLiteral("last"), last}};
}

Result<LeaseAnswer> LeaseAnswer::fromJson(const QJsonObject &o)
{
    Issues issues;
    AnswerReader r(o, QString(), &issues);
    LeaseAnswer a;
    a.deskId = r.uuid("desk_id");
    a.first = r.count("first", 1);
    a.last = r.count("last", 1);
    if (a.first > 0 && a.last > 0 && a.last < a.first)
        r.add("last", QStringLiteral("field.range"),
              tr("A block ends at or after its first number."));
    else if (a.first > 0 && a.last - a.first >= MaxLeaseCount)
        r.add("last", QStringLiteral("field.range"),
              tr("A block holds at most %1 numbers.").arg(MaxLeaseCount));
    return finish(std::move(a), issues);
}

QJsonObject NotifyMessage::toJson() const
{
    return {{QStringLiteral("type"), type}, {QStringLiteral("head"), head}};
}

Result<NotifyMessage> NotifyMessage::fromJson(const QJsonObject &o)
{
    Issues issues;
    AnswerReader r(o, QString(), &issues);
    NotifyMessage m;
    m.type = r.nonEmpty("type");
    // Other types may come from a newer server: the desk ignores them, so only "head" needs its number.
    if (m.type == u"head" || r.has("head"))
        m.head = r.count("head");
    return finish(std::move(m), issues);
}

QJsonObject ProblemAnswer::toJson() const
{
    return problem(status, code, title, detail, issues);
}

Result<ProblemAnswer> ProblemAnswer::fromJson(const QJsonObject &o)
{
    Issues issues;
    AnswerReader r(o, QString(), &issues);
    ProblemAnswer p;
    p.status = int(r.count("status", 100, 599));
    p.code = r.nonEmpty("code");
    p.title = r.string("title", false);
    p.detail = r.string("detail", false);
    p.issues = readIssues(r.array("issues", false), r.pathOf("issues"), &issues);
    return finish(std::move(p), issues);
}

QJsonObject ChecksumsAnswer::toJson() const
{
    QJsonArray a;
    for (const TableSum &t : tables)
        a.append(QJsonObject{{QStringLiteral("table"), t.table},
                             {QStringLiteral("rows"), t.rows},
                             {QStringLiteral("sha256"), t.sha256}});
    return {{QStringLiteral("epoch"), epoch},
            {QStringLiteral("head"), head},
            {QStringLiteral("tables"), a}};
}

Result<ChecksumsAnswer> ChecksumsAnswer::fromJson(const QJsonObject &o)
{
    Issues issues;
    AnswerReader r(o, QString(), &issues);
    ChecksumsAnswer a;
    a.epoch = r.nonEmpty("epoch");
    a.head = r.count("head");
    const QJsonArray tables = r.array("tables");
    for (qsizetype i = 0; i < tables.size(); ++i) {
        const QString here = indexed(r.pathOf("tables"), i);
        if (!tables.at(i).isObject()) {
            issues << Issue{here, QStringLiteral("field.type"),
                            tr("This field must be an object.")};
            continue;
        }
        AnswerReader sr(tables.at(i).toObject(), here, &issues);
        TableSum t;
        t.table = sr.string("table");
        knownTable(sr, "table", t.table);
        t.rows = sr.count("rows");
        t.sha256 = sr.string("sha256");
        bool hex = t.sha256.size() == 64;
        for (QChar c : t.sha256)
            hex = hex && ((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f'));
        if (!hex && sr.value("sha256").isString())
            sr.add("sha256", QStringLiteral("field.sha256"),
                   tr("64 lower-case hexadecimal digits."));
        a.tables << t;
    }
    return finish(std::move(a), issues);
}

} // namespace Relais::Protocol
