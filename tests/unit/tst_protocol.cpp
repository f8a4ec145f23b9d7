// The wire types of models/protocol/messages.h: every answer survives toJson -> fromJson unchanged;
// a malformed answer (missing field, wrong type, number past 2^53 - 1, a row naming a column outside
// the schema) is refused with the field named, and hostile input never crashes the reader.
// The checksums of checksum.h: one canonical form whatever type a database driver returns.

#include "checksum.h"
#include "messages.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace Relais;
using namespace Relais::Protocol;

namespace {

const QString kDesk = QStringLiteral("5b0c1f52-3d2e-4f7a-9a51-0c6f1f0e2a11");
const QString kRow = QStringLiteral("0f8e2c1a-6b7d-4e59-8f3a-2d1c4b5a6e70");
const QString kOp = QStringLiteral("9d1e7a52-0c3b-4a8e-b6f1-3e2d5c4b7a91");
const QString kPublisher = QStringLiteral("07d68fbf-06fe-4c6e-a9d9-1ba0bbed15fb");

QJsonObject parse(const char *json)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("bad test JSON: %s", json);
    return doc.object();
}

QJsonObject subscriberRow()
{
    return {{QStringLiteral("id"), kRow},
            {QStringLiteral("number"), 1042},
            {QStringLiteral("publisher_id"), kPublisher},
            {QStringLiteral("civility"), QStringLiteral("Mme")},
            {QStringLiteral("last_name"), QStringLiteral("Lefèvre")},
            {QStringLiteral("deleted"), 0},
            {QStringLiteral("rev"), 3},
            {QStringLiteral("updated_at"), QStringLiteral("2026-11-28T18:21:08.685Z")},
            {QStringLiteral("updated_by"), QStringLiteral("clerk_a/claire")}};
}

// Parses `o` as an answer of kind `kind` and writes it back: the error, or the JSON written.
Result<QJsonObject> reparse(const QString &kind, const QJsonObject &o)
{
    const auto back = [](const auto &r) -> Result<QJsonObject> {
        if (!r)
            return r.error();
        return r->toJson();
    };
    if (kind == u"login")
        return back(LoginAnswer::fromJson(o));
    if (kind == u"push")
        return back(PushAnswer::fromJson(o));
    if (kind == u"pull")
        return back(PullAnswer::fromJson(o));
    if (kind == u"snapshot")
        return back(SnapshotPage::fromJson(o));
    if (kind == u"lease")
        return back(LeaseAnswer::fromJson(o));
    if (kind == u"notify")
        return back(NotifyMessage::fromJson(o));
    if (kind == u"problem")
        return back(ProblemAnswer::fromJson(o));
    if (kind == u"checksums")
        return back(ChecksumsAnswer::fromJson(o));
    if (kind == u"change")
        return back(ChangeEntry::fromJson(o));
    if (kind == u"result")
        return back(OpResult::read(o));
    qFatal("unknown kind");
}

QStringList kinds()
{
    return {QStringLiteral("login"),    QStringLiteral("push"),      QStringLiteral("pull"),
            QStringLiteral("snapshot"), QStringLiteral("lease"),     QStringLiteral("notify"),
            QStringLiteral("problem"),  QStringLiteral("checksums"), QStringLiteral("change"),
            QStringLiteral("result")};
}

// One valid answer of each kind, as the server writes it.
QJsonObject sample(const QString &kind)
{
    if (kind == u"login") {
        LoginAnswer a{QStringLiteral("daf6g9i63R4fsJBNqSsd0l_e25N57uuOvOz9hfPAtyk"),
                      QStringLiteral("2026-11-29T06:21:08.465Z"),
                      QStringLiteral("clerk"),
                      QStringLiteral("clerk_a"),
                      kPublisher,
                      QStringLiteral("OUEST"),
                      QStringLiteral("Ouest Médias")};
        return a.toJson();
    }
    if (kind == u"push") {
        PushAnswer a;
        a.epoch = QStringLiteral("5fa85dbb-5670-4e43-bab0-5a02e45ee95f");
        a.epochStart = 12;
        a.deskId = kDesk;
        a.lastSeq = 3;
        a.backupSeq = 1;
        a.head = 77;
        OpResult applied;
        applied.seq = 2;
        applied.opId = kOp;
        applied.rev = 76;
        applied.repeated = true;
        OpResult conflict;
        conflict.seq = 3;
        conflict.opId = QStringLiteral("1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9");
        conflict.status = OpStatus::Conflict;
        conflict.rev = 77;
        conflict.conflicts << FieldConflict{QStringLiteral("last_name"), QStringLiteral("Martinez"),
                                            QStringLiteral("Martin-Roux"), QStringLiteral("Martin")}
                           << FieldConflict{QStringLiteral("copies"), qint64(1), qint64(2),
                                            QVariant()};
        OpResult rejected;
        rejected.seq = 4;
        rejected.opId = QStringLiteral("2a3b4c5d-6e7f-4081-9a2b-3c4d5e6f7a8b");
        rejected.status = OpStatus::Rejected;
        rejected.code = QStringLiteral("rule.broken");
        rejected.message = QStringLiteral("These dates overlap.");
        rejected.issues << Issue{QStringLiteral("from_date"), QStringLiteral("range.overlap"),
                                 QStringLiteral("...")};
        a.results << applied << conflict << rejected;
        return a.toJson();
    }
    if (kind == u"pull") {
        PullAnswer a;
        a.epoch = QStringLiteral("5fa85dbb-5670-4e43-bab0-5a02e45ee95f");
        a.changes << ChangeEntry{1, QStringLiteral("subscriber"), kRow, subscriberRow()}
                  << ChangeEntry{5, QStringLiteral("subscriber"), kRow,
                                 QJsonObject{{QStringLiteral("id"), kRow},
                                             {QStringLiteral("deleted"), 1},
                                             {QStringLiteral("rev"), 5},
                                             {QStringLiteral("updated_at"),
                                              QStringLiteral("2026-11-29T07:02:11.481Z")},
                                             {QStringLiteral("updated_by"),
                                              QStringLiteral("restore/admin_a")}}};
        a.next = 5;
        a.head = 9;
        a.more = true;
        a.deskLastSeq = 3;
        a.deskBackupSeq = 0;
        return a.toJson();
    }
    if (kind == u"snapshot") {
        SnapshotPage p;
        p.epoch = QStringLiteral("5fa85dbb-5670-4e43-bab0-5a02e45ee95f");
        p.table = QStringLiteral("subscriber");
        p.head = 3;
        p.rows << subscriberRow();
        p.next = SnapshotCursor{QStringLiteral("subscriber"), kRow};
        return p.toJson();
    }
    if (kind == u"lease")
        return LeaseAnswer{kDesk, 1043, 1542}.toJson();
    if (kind == u"notify")
        return NotifyMessage{QStringLiteral("head"), 1043}.toJson();
    if (kind == u"problem") {
        ProblemAnswer p;
        p.status = 400;
        p.code = QStringLiteral("request.invalid");
        p.title = QStringLiteral("Invalid request");
        p.detail = QStringLiteral("The input is not valid.");
        p.issues << Issue{QStringLiteral("ops[0].seq"), QStringLiteral("field.type"),
                          QStringLiteral("...")};
        return p.toJson();
    }
    if (kind == u"checksums") {
        ChecksumsAnswer a;
        a.epoch = QStringLiteral("5fa85dbb-5670-4e43-bab0-5a02e45ee95f");
        a.head = 12;
        a.tables
            << TableSum{QStringLiteral("subscriber"), 2,
                        QStringLiteral(
                            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")};
        return a.toJson();
    }
    if (kind == u"change")
        return ChangeEntry{7, QStringLiteral("subscriber"), kRow, subscriberRow()}.toJson();
    if (kind == u"result") {
        OpResult r;
        r.seq = 1;
        r.opId = kOp;
        r.rev = 1;
        r.code = QStringLiteral("reseeded");
        r.message = QStringLiteral("...");
        return r.toJson();
    }
    qFatal("unknown kind");
}

// Every JSON value of `o`, as a path to it (objects and arrays included), depth first.
void collectPaths(const QJsonValue &v, const QStringList &path, QList<QStringList> &out)
{
    out << path;
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it)
            collectPaths(it.value(), QStringList(path) << it.key(), out);
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            collectPaths(a.at(i), QStringList(path) << QString::number(i), out);
    }
}

// `root` with the value at `path` replaced by `with` (or removed when `with` is undefined).
QJsonValue replaced(const QJsonValue &root, const QStringList &path, qsizetype depth,
                    const QJsonValue &with)
{
    if (depth == path.size())
        return with;
    const QString &key = path.at(depth);
    if (root.isObject()) {
        QJsonObject o = root.toObject();
        const QJsonValue inner = replaced(o.value(key), path, depth + 1, with);
        if (inner.isUndefined())
            o.remove(key);
        else
            o.insert(key, inner);
        return o;
    }
    QJsonArray a = root.toArray();
    const qsizetype i = key.toLongLong();
    const QJsonValue inner = replaced(a.at(i), path, depth + 1, with);
    if (inner.isUndefined())
        a.removeAt(i);
    else
        a.replace(i, inner);
    return a;
}

} // namespace

class tst_Protocol : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip_data();
    void roundTrip();
    void malformedRefused_data();
    void malformedRefused();
    void unknownFieldsIgnored_data();
    void unknownFieldsIgnored();
    void everyMutationIsSafe_data();
    void everyMutationIsSafe();
    void lenientOpResultNeverFails();

    void canonicalValues_data();
    void canonicalValues();
    void checksumSameWhateverTheDriverType();
    void checksumChangesWithOneField_data();
    void checksumChangesWithOneField();
    void checksumColumnsLeavePublisherOut();
    void checksumOrderChecked();
};

void tst_Protocol::roundTrip_data()
{
    QTest::addColumn<QString>("kind");
    for (const QString &k : kinds())
        QTest::newRow(qPrintable(k)) << k;
}

void tst_Protocol::roundTrip()
{
    QFETCH(QString, kind);
    const QJsonObject written = sample(kind);
    const auto again = reparse(kind, written);
    QVERIFY2(again.ok(), again.ok() ? "" : qPrintable(again.error().fullText()));
    QCOMPARE(*again, written);
}

void tst_Protocol::malformedRefused_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("rule");

    const auto row = [](const char *name, const char *kind, const char *json, const char *field,
                        const char *rule) {
        QTest::newRow(name) << QString::fromLatin1(kind) << QByteArray(json)
                            << QString::fromLatin1(field) << QString::fromLatin1(rule);
    };
    row("login: empty object", "login", "{}", "token", "field.required");
    row("login: token a number", "login",
        R"({"token":5,"expires_at":"x","role":"clerk","username":"a","publisher":{"id":"07d68fbf-06fe-4c6e-a9d9-1ba0bbed15fb","code":"O","name":"n"}})",
        "token", "field.type");
    row("login: publisher a string", "login",
        R"({"token":"t","expires_at":"x","role":"clerk","username":"a","publisher":"OUEST"})",
        "publisher", "field.type");
    row("login: publisher id not a UUID", "login",
        R"({"token":"t","expires_at":"x","role":"clerk","username":"a","publisher":{"id":"1","code":"O","name":"n"}})",
        "publisher.id", "field.uuid");
    row("login: unknown role", "login",
        R"({"token":"t","expires_at":"x","role":"root","username":"a","publisher":{"id":"07d68fbf-06fe-4c6e-a9d9-1ba0bbed15fb","code":"O","name":"n"}})",
        "role", "role.unknown");

    const char *pushHead =
        R"("epoch":"e","epoch_start":0,"desk_id":"5b0c1f52-3d2e-4f7a-9a51-0c6f1f0e2a11",)";
    const auto push = [&](const char *name, const char *rest, const char *field, const char *rule) {
        const QByteArray json = QByteArray("{") + pushHead + rest + "}";
        QTest::newRow(name) << QStringLiteral("push") << json << QString::fromLatin1(field)
                            << QString::fromLatin1(rule);
    };
    push("push: head missing", R"("last_seq":1,"backup_seq":0,"results":[])", "head",
         "field.required");
    push("push: last_seq 2^53",
         R"("last_seq":9007199254740992,"backup_seq":0,"head":1,"results":[])", "last_seq",
         "field.type");
    push("push: head 1e300", R"("last_seq":1,"backup_seq":0,"head":1e300,"results":[])", "head",
         "field.type");
    push("push: head fractional", R"("last_seq":1,"backup_seq":0,"head":1.5,"results":[])", "head",
         "field.type");
    push("push: head negative", R"("last_seq":1,"backup_seq":0,"head":-1,"results":[])", "head",
         "field.range");
    push("push: head a string", R"("last_seq":1,"backup_seq":0,"head":"12","results":[])", "head",
         "field.type");
    push("push: results an object", R"("last_seq":1,"backup_seq":0,"head":1,"results":{})",
         "results", "field.type");
    push("push: a result not an object", R"("last_seq":1,"backup_seq":0,"head":1,"results":[1])",
         "results[0]", "field.type");
    push(
        "push: result status unknown",
        R"("last_seq":1,"backup_seq":0,"head":1,"results":[{"seq":1,"op_id":"9d1e7a52-0c3b-4a8e-b6f1-3e2d5c4b7a91","status":"done","rev":1}])",
        "results[0].status", "status.unknown");
    push(
        "push: result seq 0",
        R"("last_seq":1,"backup_seq":0,"head":1,"results":[{"seq":0,"op_id":"9d1e7a52-0c3b-4a8e-b6f1-3e2d5c4b7a91","status":"applied","rev":1}])",
        "results[0].seq", "field.range");
    push(
        "push: rejection without code",
        R"("last_seq":1,"backup_seq":0,"head":1,"results":[{"seq":1,"op_id":"9d1e7a52-0c3b-4a8e-b6f1-3e2d5c4b7a91","status":"rejected","rev":0}])",
        "results[0].code", "field.required");
    push(
        "push: conflict value an object",
        R"("last_seq":1,"backup_seq":0,"head":1,"results":[{"seq":1,"op_id":"9d1e7a52-0c3b-4a8e-b6f1-3e2d5c4b7a91","status":"conflict","rev":1,"conflicts":[{"field":"x","base":{},"desk":"a","server":"b"}]}])",
        "results[0].conflicts[0].base", "field.type");
    push(
        "push: issues not objects",
        R"("last_seq":1,"backup_seq":0,"head":1,"results":[{"seq":1,"op_id":"9d1e7a52-0c3b-4a8e-b6f1-3e2d5c4b7a91","status":"rejected","rev":0,"code":"rule.broken","issues":["x"]}])",
        "results[0].issues[0]", "field.type");

    const auto pull = [&](const char *name, const char *changes, const char *field,
                          const char *rule,
                          const char *tail = R"("next":10,"head":10,"more":false)") {
        const QByteArray json = QByteArray(R"({"epoch":"e","epoch_start":0,"changes":)") + changes
                                + "," + tail + "}";
        QTest::newRow(name) << QStringLiteral("pull") << json << QString::fromLatin1(field)
                            << QString::fromLatin1(rule);
    };
    pull("pull: more missing", "[]", "more", "field.required", R"("next":1,"head":1)");
    pull("pull: more a number", "[]", "more", "field.type", R"("next":1,"head":1,"more":1)");
    pull("pull: desk_last_seq a string", "[]", "desk_last_seq", "field.type",
         R"("next":1,"head":1,"more":false,"desk_last_seq":"3")");
    pull(
        "pull: unknown entity",
        R"([{"seq":1,"entity":"users","id":"0f8e2c1a-6b7d-4e59-8f3a-2d1c4b5a6e70","row":{"id":"0f8e2c1a-6b7d-4e59-8f3a-2d1c4b5a6e70"}}])",
        "changes[0].entity", "entity.unknown");
    pull(
        "pull: row column outside the schema",
        R"([{"seq":1,"entity":"subscriber","id":"0f8e2c1a-6b7d-4e59-8f3a-2d1c4b5a6e70","row":{"id":"0f8e2c1a-6b7d-4e59-8f3a-2d1c4b5a6e70","number\"; DROP TABLE subscriber; --":1}}])",
        "changes[0].row.number\"; DROP TABLE subscriber; --", "field.unknown");
    pull(
        "pull: row number as text",
        R"([{"seq":1,"entity":"subscriber","id":"0f8e2c1a-6b7d-4e59-8f3a-2d1c4b5a6e70","row":{"id":"0f8e2c1a-6b7d-4e59-8f3a-2d1c4b5a6e70","number":"12"}}])",
        "changes[0].row.number", "field.type");
    pull(
        "pull: row null where none is taken",
        R"([{"seq":1,"entity":"subscriber","id":"0f8e2c1a-6b7d-4e59-8f3a-2d1c4b5a6e70","row":{"id":"0f8e2c1a-6b7d-4e59-8f3a-2d1c4b5a6e70","last_name":null}}])",
        "changes[0].row.last_name", "field.type");
    pull(
        "pull: row without id",
        R"([{"seq":1,"entity":"subscriber","id":"0f8e2c1a-6b7d-4e59-8f3a-2d1c4b5a6e70","row":{"deleted":1}}])",
        "changes[0].row.id", "field.required");
    pull(
        "pull: row of another id",
        R"([{"seq":1,"entity":"subscriber","id":"0f8e2c1a-6b7d-4e59-8f3a-2d1c4b5a6e70","row":{"id":"1f8e2c1a-6b7d-4e59-8f3a-2d1c4b5a6e70"}}])",
        "changes[0].row.id", "row.id_mismatch");
    pull("pull: row missing",
         R"([{"seq":1,"entity":"subscriber","id":"0f8e2c1a-6b7d-4e59-8f3a-2d1c4b5a6e70"}])",
         "changes[0].row", "field.required");
    pull(
        "pull: changes out of order",
        R"([{"seq":2,"entity":"publisher","id":"0f8e2c1a-6b7d-4e59-8f3a-2d1c4b5a6e70","row":{"id":"0f8e2c1a-6b7d-4e59-8f3a-2d1c4b5a6e70"}},{"seq":2,"entity":"publisher","id":"0f8e2c1a-6b7d-4e59-8f3a-2d1c4b5a6e70","row":{"id":"0f8e2c1a-6b7d-4e59-8f3a-2d1c4b5a6e70"}}])",
        "changes[1].seq", "seq.order");
    pull(
        "pull: change past next",
        R"([{"seq":11,"entity":"publisher","id":"0f8e2c1a-6b7d-4e59-8f3a-2d1c4b5a6e70","row":{"id":"0f8e2c1a-6b7d-4e59-8f3a-2d1c4b5a6e70"}}])",
        "changes[0].seq", "seq.beyond_next");
    pull("pull: a change an array", "[[]]", "changes[0]", "field.type");

    row("snapshot: next missing", "snapshot", R"({"epoch":"e","table":"offer","head":1,"rows":[]})",
        "next", "field.required");
    row("snapshot: next a string", "snapshot",
        R"({"epoch":"e","table":"offer","head":1,"rows":[],"next":"offer"})", "next", "field.type");
    row("snapshot: next of an unknown table", "snapshot",
        R"({"epoch":"e","table":"offer","head":1,"rows":[],"next":{"table":"sessions"}})",
        "next.table", "entity.unknown");
    row("snapshot: after not a UUID", "snapshot",
        R"({"epoch":"e","table":"offer","head":1,"rows":[],"next":{"table":"offer","after":"' OR 1=1"}})",
        "next.after", "field.uuid");
    row("snapshot: unknown table", "snapshot",
        R"({"epoch":"e","table":"users","head":1,"rows":[],"next":null})", "table",
        "entity.unknown");
    row("snapshot: row with a bad rev", "snapshot",
        R"({"epoch":"e","table":"offer","head":1,"rows":[{"id":"0f8e2c1a-6b7d-4e59-8f3a-2d1c4b5a6e70","rev":-1}],"next":null})",
        "rows[0].rev", "field.type");
    row("snapshot: epoch empty", "snapshot",
        R"({"epoch":"","table":"offer","head":1,"rows":[],"next":null})", "epoch", "field.empty");

    row("lease: last before first", "lease",
        R"({"desk_id":"5b0c1f52-3d2e-4f7a-9a51-0c6f1f0e2a11","first":10,"last":9})", "last",
        "field.range");
    row("lease: first 0", "lease",
        R"({"desk_id":"5b0c1f52-3d2e-4f7a-9a51-0c6f1f0e2a11","first":0,"last":9})", "first",
        "field.range");
    row("lease: huge block", "lease",
        R"({"desk_id":"5b0c1f52-3d2e-4f7a-9a51-0c6f1f0e2a11","first":1,"last":9007199254740991})",
        "last", "field.range");
    row("lease: desk id missing", "lease", R"({"first":1,"last":9})", "desk_id", "field.required");

    row("notify: head missing", "notify", R"({"type":"head"})", "head", "field.required");
    row("notify: head null", "notify", R"({"type":"head","head":null})", "head", "field.type");
    row("notify: type a number", "notify", R"({"type":1,"head":1})", "type", "field.type");

    row("problem: status a string", "problem", R"({"status":"400","code":"x"})", "status",
        "field.type");
    row("problem: status out of range", "problem", R"({"status":1000,"code":"x"})", "status",
        "field.range");
    row("problem: code missing", "problem", R"({"status":400})", "code", "field.required");
    row("problem: issue without code", "problem",
        R"({"status":400,"code":"x","issues":[{"field":"a"}]})", "issues[0].code",
        "field.required");

    row("checksums: bad digest", "checksums",
        R"({"epoch":"e","head":1,"tables":[{"table":"offer","rows":1,"sha256":"XYZ"}]})",
        "tables[0].sha256", "field.sha256");
    row("checksums: unknown table", "checksums",
        R"({"epoch":"e","head":1,"tables":[{"table":"sessions","rows":1,"sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}]})",
        "tables[0].table", "entity.unknown");
}

void tst_Protocol::malformedRefused()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    QFETCH(QString, rule);
    QJsonParseError err{};
    const QJsonObject o = QJsonDocument::fromJson(json, &err).object();
    QCOMPARE(err.error, QJsonParseError::NoError);
    const auto r = reparse(kind, o);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("answer.invalid"));
    QCOMPARE(r.error().kind, ErrorKind::Invalid);
    bool found = false;
    for (const Issue &i : r.error().issues)
        found = found || (i.field == field && i.rule == rule);
    QVERIFY2(found, qPrintable(r.error().fullText() + QStringLiteral("\nrules: ") + [&] {
                 QStringList rules;
                 for (const Issue &i : r.error().issues)
                     rules << i.field + u'=' + i.rule;
                 return rules.join(u' ');
             }()));
    // The message names the field too, for a log line.
    QVERIFY(r.error().message.contains(r.error().issues.first().field));
}

void tst_Protocol::unknownFieldsIgnored_data()
{
    roundTrip_data();
}

void tst_Protocol::unknownFieldsIgnored()
{
    // A newer server of API v1 may add fields: the desk must go on reading what it knows.
    QFETCH(QString, kind);
    QJsonObject o = sample(kind);
    o.insert(QStringLiteral("added_later"), QJsonArray{1, 2, 3});
    const auto again = reparse(kind, o);
    QVERIFY2(again.ok(), again.ok() ? "" : qPrintable(again.error().fullText()));
    QCOMPARE(*again, sample(kind));
}

void tst_Protocol::everyMutationIsSafe_data()
{
    roundTrip_data();
}

void tst_Protocol::everyMutationIsSafe()
{
    // Every value of a valid answer replaced by every hostile value, or removed: the reader gives a
    // value or an error, never a crash; and when it gives a value, that value writes back as valid.
    QFETCH(QString, kind);
    const QJsonObject valid = sample(kind);
    QList<QStringList> paths;
    collectPaths(valid, {}, paths);
    const QList<QJsonValue> hostile = {QJsonValue(QJsonValue::Undefined),
                                       QJsonValue(QJsonValue::Null),
                                       QJsonValue(true),
                                       QJsonValue(-1),
                                       QJsonValue(0),
                                       QJsonValue(9007199254740992.0),
                                       QJsonValue(-9007199254740993.0),
                                       QJsonValue(1e308),
                                       QJsonValue(0.5),
                                       QJsonValue(QString()),
                                       QJsonValue(QString(5000, u'x')),
                                       QJsonValue(QStringLiteral("\u0000")),
                                       QJsonValue(QJsonArray()),
                                       QJsonValue(QJsonArray{QJsonObject()}),
                                       QJsonValue(QJsonObject()),
                                       QJsonValue(QJsonObject{{QStringLiteral("id"), 1}})};
    int refused = 0;
    int accepted = 0;
    for (const QStringList &path : paths) {
        if (path.isEmpty())
            continue;
        for (const QJsonValue &h : hostile) {
            const QJsonValue mutated = replaced(valid, path, 0, h);
            const auto r = reparse(kind, mutated.toObject());
            if (!r.ok()) {
                ++refused;
                QVERIFY(!r.error().issues.isEmpty());
                continue;
            }
            ++accepted;
            const auto again = reparse(kind, *r);
            QVERIFY2(again.ok(), qPrintable(path.join(u'.')));
        }
    }
    QVERIFY(refused > 0);
    // Optional fields and free text take some of the values (a lease answer has neither).
    QVERIFY(accepted > 0 || kind == u"lease");
    // And random bytes that happen to parse as JSON objects.
    QRandomGenerator rng(42);
    const QByteArray alphabet = "{}[]\":,0123456789-.e tnulfarsxyz\\";
    for (int i = 0; i < 2000; ++i) {
        QByteArray text = "{";
        const int n = int(rng.bounded(1, 60));
        for (int k = 0; k < n; ++k)
            text += alphabet.at(int(rng.bounded(alphabet.size())));
        const QJsonDocument doc = QJsonDocument::fromJson(text);
        if (doc.isObject())
            (void)reparse(kind, doc.object());
    }
}

void tst_Protocol::lenientOpResultNeverFails()
{
    // The server reads its own stored results with the lenient reader: garbage gives defaults.
    const OpResult r = OpResult::fromJson(parse(
        R"({"seq":1e300,"op_id":5,"status":"nonsense","rev":"x","conflicts":[1,{"field":"a","base":{"x":1},"desk":1e300,"server":2}],"issues":"x","repeated":"yes"})"));
    QCOMPARE(r.seq, 0);
    QCOMPARE(r.rev, 0);
    QCOMPARE(r.status, OpStatus::Rejected);
    QCOMPARE(r.conflicts.size(), 2);
    QVERIFY(r.conflicts.at(1).base.isNull());
    QVERIFY(r.conflicts.at(1).desk.isNull());
    QCOMPARE(r.conflicts.at(1).server.toLongLong(), 2);
    QVERIFY(!r.repeated);
}

void tst_Protocol::canonicalValues_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QByteArray>("text");
    const int text = int(ColumnType::Text);
    const int integer = int(ColumnType::Integer);
    QTest::newRow("null text") << text << QVariant() << QByteArray("null");
    QTest::newRow("null integer") << integer << QVariant(QMetaType(QMetaType::LongLong))
                                  << QByteArray("null");
    QTest::newRow("empty text") << text << QVariant(QStringLiteral("")) << QByteArray("\"\"");
    QTest::newRow("text") << text << QVariant(QStringLiteral("Lefèvre \"L\"\n"))
                          << QByteArray("\"Lefèvre \\\"L\\\"\\n\"");
    QTest::newRow("qlonglong") << integer << QVariant(qint64(1042)) << QByteArray("1042");
    QTest::newRow("int") << integer << QVariant(int(1042)) << QByteArray("1042");
    QTest::newRow("numeric text in an integer column")
        << integer << QVariant(QStringLiteral("1042")) << QByteArray("1042");
    QTest::newRow("bool") << integer << QVariant(true) << QByteArray("1");
    QTest::newRow("negative") << integer << QVariant(qint64(-3)) << QByteArray("-3");
    QTest::newRow("number in a text column")
        << text << QVariant(qint64(75002)) << QByteArray("\"75002\"");
}

void tst_Protocol::canonicalValues()
{
    QFETCH(int, type);
    QFETCH(QVariant, value);
    QFETCH(QByteArray, text);
    QByteArray out;
    appendCanonicalValue(out, ColumnType(type), value);
    QCOMPARE(out, text);
}

void tst_Protocol::checksumSameWhateverTheDriverType()
{
    // The same row as SQLite's driver and PostgreSQL's give it, and as a map or a list.
    const Table &t = *tableByName(QStringLiteral("subscription"));
    const QStringList cols = checksumColumns(t);
    QVariantMap sqlite{{QStringLiteral("recipient_id"), kRow},
                       {QStringLiteral("payer_id"), kRow},
                       {QStringLiteral("offer_id"), kRow},
                       {QStringLiteral("publication_id"), kRow},
                       {QStringLiteral("start_date"), QStringLiteral("2026-01-01")},
                       {QStringLiteral("end_date"), QVariant()},
                       {QStringLiteral("copies"), qint64(1)},
                       {QStringLiteral("auto_renew"), qint64(0)},
                       {QStringLiteral("cancel_date"), QVariant(QMetaType(QMetaType::QString))},
                       {QStringLiteral("cancel_reason"), QStringLiteral("")},
                       {QStringLiteral("deleted"), qint64(0)}};
    QVariantMap postgres = sqlite;
    postgres.insert(QStringLiteral("copies"), int(1));
    postgres.insert(QStringLiteral("auto_renew"), QStringLiteral("0"));
    postgres.insert(QStringLiteral("end_date"), QVariant(QMetaType(QMetaType::QString)));
    postgres.insert(QStringLiteral("publisher_id"), kPublisher); // not compared
    TableChecksum a(t), b(t), c(t);
    a.addRow(kRow, sqlite);
    b.addRow(kRow, postgres);
    QVariantList list;
    for (const QString &col : cols)
        list << sqlite.value(col);
    c.addRow(kRow, list);
    QCOMPARE(a.rows(), 1);
    QCOMPARE(a.sha256Hex(), b.sha256Hex());
    QCOMPARE(a.sha256Hex(), c.sha256Hex());
    // The documented line, so that anyone can recompute it.
    const QByteArray line = "[\"" + kRow.toLatin1() + "\",\"" + kRow.toLatin1() + "\",\""
                            + kRow.toLatin1() + "\",\"" + kRow.toLatin1() + "\",\""
                            + kRow.toLatin1() + "\",\"2026-01-01\",null,1,0,null,\"\",0]\n";
    QCOMPARE(a.sha256Hex(),
             QString::fromLatin1(
                 QCryptographicHash::hash(line, QCryptographicHash::Sha256).toHex()));
    TableChecksum empty(t);
    QCOMPARE(empty.sha256Hex(),
             QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    QCOMPARE(empty.sum(), (TableSum{QStringLiteral("subscription"), 0, empty.sha256Hex()}));
}

void tst_Protocol::checksumChangesWithOneField_data()
{
    QTest::addColumn<QString>("column");
    QTest::addColumn<QVariant>("value");
    QTest::newRow("last name") << QStringLiteral("last_name")
                               << QVariant(QStringLiteral("Martin-Roux"));
    QTest::newRow("number") << QStringLiteral("number") << QVariant(qint64(1043));
    QTest::newRow("deleted") << QStringLiteral("deleted") << QVariant(qint64(1));
    QTest::newRow("empty text to null") << QStringLiteral("notes") << QVariant();
    QTest::newRow("trailing space") << QStringLiteral("city") << QVariant(QStringLiteral("PARIS "));
    QTest::newRow("id") << QStringLiteral("id")
                        << QVariant(QStringLiteral("0f8e2c1a-6b7d-4e59-8f3a-2d1c4b5a6e71"));
}

void tst_Protocol::checksumChangesWithOneField()
{
    QFETCH(QString, column);
    QFETCH(QVariant, value);
    const Table &t = *tableByName(QStringLiteral("subscriber"));
    QVariantMap row{{QStringLiteral("number"), qint64(1042)},
                    {QStringLiteral("last_name"), QStringLiteral("Martin")},
                    {QStringLiteral("city"), QStringLiteral("PARIS")},
                    {QStringLiteral("notes"), QStringLiteral("")},
                    {QStringLiteral("deleted"), qint64(0)}};
    TableChecksum before(t), after(t);
    before.addRow(kRow, row);
    QString id = kRow;
    if (column == u"id")
        id = value.toString();
    else
        row.insert(column, value);
    after.addRow(id, row);
    QVERIFY(before.sha256Hex() != after.sha256Hex());
}

void tst_Protocol::checksumColumnsLeavePublisherOut()
{
    QStringList tables;
    for (const Table *t : checksumTables()) {
        tables << t->name;
        const QStringList cols = checksumColumns(*t);
        QVERIFY(!cols.contains(QStringLiteral("publisher_id")));
        QVERIFY(cols.contains(QStringLiteral("deleted")));
        QCOMPARE(cols.size(),
                 t->columns.size() - (columnOf(*t, QStringLiteral("publisher_id")) ? 1 : 0));
    }
    QCOMPARE(tables, (QStringList{QStringLiteral("publication"), QStringLiteral("offer"),
                                  QStringLiteral("subscriber"), QStringLiteral("subscription"),
                                  QStringLiteral("delivery_change"), QStringLiteral("complaint")}));
}

void tst_Protocol::checksumOrderChecked()
{
    const Table &t = *tableByName(QStringLiteral("offer"));
    TableChecksum ok(t), bad(t);
    ok.addRow(QStringLiteral("0a"), QVariantMap());
    ok.addRow(QStringLiteral("0b"), QVariantMap());
    // Byte order: '-' (0x2d) sorts before digits, whatever a locale collation says.
    ok.addRow(QStringLiteral("0b-"), QVariantMap());
    QVERIFY(ok.inOrder());
    bad.addRow(QStringLiteral("0b"), QVariantMap());
    bad.addRow(QStringLiteral("0a"), QVariantMap());
    QVERIFY(!bad.inOrder());
    TableChecksum twice(t);
    twice.addRow(QStringLiteral("0a"), QVariantMap());
    twice.addRow(QStringLiteral("0a"), QVariantMap());
    QVERIFY(!twice.inOrder());
}

QTEST_GUILESS_MAIN(tst_Protocol)
#include "tst_protocol.moc"
