// The routes of bulk data and recovery: export and import of rows, a reseed from a desk's copy,
// backups and restores of the caller's publisher. docs/api.md, "Recovery".

#include "handler_p.h"

#include "domain.h"
#include "notifier.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace Relais::Server {

using namespace Protocol;
using namespace http;

// ---- bulk data and recovery --------------------------------------------------------------------

QList<ImportRow> readImportRows(const QJsonArray &rows, const QString &path, int firstLine,
                                Issues *issues)
{
    QList<ImportRow> out;
    if (rows.size() > MaxImportRows) {
        issues->append(Issue{path, QStringLiteral("rows.too_many"),
                             tr("At most %1 rows per request.").arg(MaxImportRows)});
        return out;
    }
    out.reserve(rows.size());
    static const QStringList kIgnored = {QStringLiteral("rev"), QStringLiteral("updated_at"),
                                         QStringLiteral("updated_by")};
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QString here = path + u'[' + QString::number(i) + u']';
        if (!rows.at(i).isObject()) {
            issues->append(Issue{here, QStringLiteral("field.type"), tr("Each row is an object.")});
            continue;
        }
        ObjectReader r(rows.at(i).toObject(), here, issues);
        const QString entity = r.string(QStringLiteral("entity"));
        QJsonObject row = r.object(QStringLiteral("row"));
        r.rejectUnknown();
        const Table *table = tableByName(entity);
        if (!entity.isEmpty() && (!table || entity == u"publisher")) {
            issues->append(Issue{r.pathOf(QStringLiteral("entity")),
                                 QStringLiteral("entity.unknown"),
                                 tr("Not a table rows can be imported into.")});
            continue;
        }
        if (!table)
            continue;
        ImportRow ir;
        ir.line = firstLine + int(i);
        ir.entity = entity;
        const QString rowPath = r.pathOf(QStringLiteral("row"));
        ir.id = row.value(QStringLiteral("id")).toString().toLower();
        if (!isUuid(ir.id))
            issues->append(Issue{rowPath + QStringLiteral(".id"), QStringLiteral("field.uuid"),
                                 tr("Each row needs its id, a UUID.")});
        row.remove(QStringLiteral("id"));
        for (const QString &k : kIgnored)
            row.remove(k);
        ir.fields = readColumns(*table, row, rowPath, issues);
        out << ir;
    }
    return out;
}

QJsonObject importOutcomeJson(const ImportOutcome &out, bool dryRun)
{
    QJsonArray refused;
    for (const auto &[line, r] : out.refused)
        refused.append(QJsonObject{{QStringLiteral("line"), line},
                                   {QStringLiteral("code"), r.code},
                                   {QStringLiteral("message"), r.message},
                                   {QStringLiteral("issues"), issuesToJson(r.issues)}});
    QJsonObject o{{QStringLiteral("applied"), out.applied},
                  {QStringLiteral("dry_run"), dryRun},
                  {QStringLiteral("created"), out.created},
                  {QStringLiteral("repeated"), out.repeated},
                  {QStringLiteral("head"), out.head}};
    if (!refused.isEmpty())
        o.insert(QStringLiteral("refused"), refused);
    return o;
}

Reply ApiServer::importReply(const Caller &caller, const ImportRequest &request)
{
    auto out = m_store.importRows(caller, request);
    if (!out)
        return errorReply(out.error(), tr("Import refused"));
    if (out->advanced)
        m_notifier.committed(caller.publisherId, out->head);
    if (!out->refused.isEmpty()) {
        Reply r = problemReply(422, QStringLiteral("import.refused"), tr("Rows refused"),
                               tr("%n row(s) break a rule; nothing was written.", nullptr,
                                  int(out->refused.size())));
        const QJsonObject details = importOutcomeJson(*out, request.dryRun);
        for (auto it = details.constBegin(); it != details.constEnd(); ++it)
            r.body.insert(it.key(), it.value());
        return r;
    }
    return ok(importOutcomeJson(*out, request.dryRun));
}

Reply ApiServer::bulkExport(Context &ctx)
{
    // The same pages as a snapshot, each row with its table, in the shape bulk/import reads.
    Issues issues;
    QueryReader q(ctx.request.query(), &issues);
    const QString table = q.text(QStringLiteral("table"));
    const QString after = q.text(QStringLiteral("after"));
    const auto limit = q.integer(QStringLiteral("limit"), 1, MaxSnapshotLimit, 5000);
    q.rejectUnknown();
    if (!table.isEmpty() && (!tableByName(table) || table == u"publisher"))
        issues << Issue{QStringLiteral("table"), QStringLiteral("entity.unknown"),
                        tr("Not an exported table.")};
    if (after.size() > 64)
        issues << Issue{QStringLiteral("after"), QStringLiteral("field.too_long"), tr("Too long.")};
    if (!issues.isEmpty())
        return errorReply(Error::invalid(issues));
    // The publisher row is the server's own: the export starts with the publisher's titles.
    const QString first = table.isEmpty() ? syncedTables().at(1).name : table;
    auto page = m_store.snapshot(callerOf(*ctx.session), first, after, int(*limit));
    if (!page)
        return errorReply(page.error());
    QByteArray out;
    out.reserve(256 + page->rows.size() * 640);
    out += "{\"epoch\":";
    JsonText::appendString(out, page->epoch);
    out += ",\"head\":" + QByteArray::number(page->head) + ",\"rows\":[";
    QByteArray entity;
    JsonText::appendString(entity, page->table);
    for (qsizetype i = 0; i < page->rows.size(); ++i) {
        if (i > 0)
            out += ',';
        out += "{\"entity\":" + entity + ",\"row\":" + page->rows.at(i) + '}';
    }
    out += "],\"next\":";
    appendNextPage(out, *page);
    out += '}';
    Reply r;
    r.raw = out;
    return r;
}

Reply ApiServer::bulkImport(Context &ctx)
{
    auto body = parseObject(ctx.request.body());
    if (!body)
        return errorReply(body.error());
    Issues issues;
    ObjectReader r(*body, QString(), &issues);
    ImportRequest req;
    req.importId = r.uuid(QStringLiteral("import_id")).toLower();
    req.dryRun = r.boolean(QStringLiteral("dry_run"), false);
    const QJsonArray rows = r.array(QStringLiteral("rows"));
    r.rejectUnknown();
    if (rows.isEmpty() && issues.isEmpty())
        issues << Issue{QStringLiteral("rows"), QStringLiteral("rows.empty"),
                        tr("Nothing to import.")};
    if (issues.isEmpty())
        req.rows = readImportRows(rows, QStringLiteral("rows"), 1, &issues);
    if (!issues.isEmpty())
        return errorReply(Error::invalid(issues));
    return importReply(callerOf(*ctx.session), req);
}

Reply ApiServer::adminReseed(Context &ctx)
{
    auto body = parseObject(ctx.request.body());
    if (!body)
        return errorReply(body.error());
    Issues issues;
    ObjectReader r(*body, QString(), &issues);
    ImportRequest req;
    req.importId = r.uuid(QStringLiteral("import_id")).toLower();
    req.reseedDeskId = r.uuid(QStringLiteral("desk_id")).toLower();
    const auto last = r.integer(QStringLiteral("desk_last_seq"), 0, MaxSafeInteger);
    req.reseedFinal = r.boolean(QStringLiteral("final"), false);
    const QJsonArray rows = r.array(QStringLiteral("rows"), false);
    r.rejectUnknown();
    if (issues.isEmpty())
        req.rows = readImportRows(rows, QStringLiteral("rows"), 1, &issues);
    if (!issues.isEmpty())
        return errorReply(Error::invalid(issues));
    req.reseedDeskLastSeq = *last;
    Reply reply = importReply(callerOf(*ctx.session), req);
    if (reply.status == 200)
        reply.body.insert(QStringLiteral("reseed_done"), req.reseedFinal);
    return reply;
}

namespace {
QJsonObject backupJson(const BackupInfo &b)
{
    const auto count = [](qint64 n) {
        return n < 0 ? QJsonValue() : QJsonValue(n);
    }; // -1: not told
    return {{QStringLiteral("name"), b.name},
            {QStringLiteral("epoch"), b.epoch},
            {QStringLiteral("head"), count(b.head)},
            {QStringLiteral("rows"), count(b.rows)},
            {QStringLiteral("bytes"), count(b.bytes)},
            {QStringLiteral("sha256"), b.sha256},
            {QStringLiteral("created_at"), b.createdAt},
            {QStringLiteral("created_by"), b.createdBy},
            {QStringLiteral("verified_at"),
             b.verifiedAt.isEmpty() ? QJsonValue() : QJsonValue(b.verifiedAt)}};
}
} // namespace

Reply ApiServer::adminBackup(Context &ctx)
{
    if (!ctx.request.body().trimmed().isEmpty() && ctx.request.body().trimmed() != "{}")
        return errorReply(Error::invalid({Issue{QString(), QStringLiteral("body.unexpected"),
                                                tr("This route takes no body (or {}).")}}));
    if (m_config.backupDir.isEmpty())
        return problemReply(409, QStringLiteral("backup.unconfigured"),
                            tr("Backups are not configured"),
                            tr("Start relais-server serve with --backup-dir DIR."));
    const QString name = QStringLiteral("relais-%1-%2.backup")
                             .arg(QDateTime::currentDateTimeUtc().toString(
                                      QStringLiteral("yyyyMMdd-HHmmss")),
                                  newUuid().left(8));
    // A publisher's admin backs up their publisher only; the whole database is the operator's
    // (relais-server backup), and only that moves every desk's backup_seq.
    auto b = m_store.backup(m_config.backupDir + u'/' + name, ctx.session->user.name,
                            ctx.session->user.publisher.id);
    if (!b)
        return errorReply(b.error());
    Reply r = ok(backupJson(*b));
    r.status = 201;
    return r;
}

namespace {
// The backups an admin of `publisherId` may see and restore from: their publisher's own, and the
// operator's backups of the whole database (which hold it), never another publisher's; whoever
// took a whole-database backup is not named.
QList<BackupInfo> backupsVisibleTo(const QList<BackupInfo> &all, const QString &publisherId)
{
    QList<BackupInfo> out;
    for (BackupInfo b : all) {
        if (b.publisherId.isEmpty()) {
            // Its size and head describe every publisher together: not told.
            b.createdBy = QStringLiteral("operator");
            b.head = b.rows = b.bytes = -1;
        } else if (b.publisherId != publisherId)
            continue;
        out << b;
    }
    return out;
}
} // namespace

Reply ApiServer::adminBackups(Context &ctx)
{
    auto list = m_store.backups();
    if (!list)
        return errorReply(list.error());
    QJsonArray a;
    for (const BackupInfo &b : backupsVisibleTo(*list, ctx.session->user.publisher.id))
        a.append(backupJson(b));
    return ok({{QStringLiteral("backups"), a}});
}

Reply ApiServer::adminRestore(Context &ctx)
{
    auto body = parseObject(ctx.request.body());
    if (!body)
        return errorReply(body.error());
    Issues issues;
    ObjectReader r(*body, QString(), &issues);
    const QString name = r.string(QStringLiteral("backup"));
    r.rejectUnknown();
    if (!issues.isEmpty())
        return errorReply(Error::invalid(issues));
    // Only a backup this server recorded as verified, by name: never a path from the request.
    auto all = m_store.backups();
    if (!all)
        return errorReply(all.error());
    const QList<BackupInfo> list = backupsVisibleTo(*all, ctx.session->user.publisher.id);
    const BackupInfo *found = nullptr;
    for (const BackupInfo &b : list)
        if (b.name == name && !b.verifiedAt.isEmpty())
            found = &b;
    if (!found)
        return problemReply(404, QStringLiteral("backup.unknown"), tr("No such verified backup"),
                            tr("GET admin/backups lists them."));
    // An admin restores their own publisher; the others are left as they are.
    auto out = m_store.restore(found->path, {ctx.session->user.publisher.code}, 0,
                               ctx.session->user.name);
    if (!out) {
        // A backup that fails its checks: the request is well formed, the file is refused (409).
        Error e = out.error();
        if (e.kind == ErrorKind::Invalid)
            e.kind = ErrorKind::Conflict;
        return errorReply(e, tr("Restore refused"));
    }
    // Each publisher hears of its own head, not the global one.
    qint64 ownHead = 0;
    for (const QString &p : out->publisherIds) {
        auto h = m_store.publisherHead(p);
        if (!h)
            return errorReply(h.error());
        m_notifier.committed(p, *h);
        if (p == ctx.session->user.publisher.id)
            ownHead = *h;
    }
    return ok({{QStringLiteral("epoch"), out->epoch},
               {QStringLiteral("epoch_start"), out->epochStart},
               {QStringLiteral("backup"), found->name},
               {QStringLiteral("backup_head"), out->backupHead},
               {QStringLiteral("rows"), out->rows},
               {QStringLiteral("announced"), out->announced},
               {QStringLiteral("head"), ownHead}});
}

} // namespace Relais::Server
