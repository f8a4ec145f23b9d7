// The language of relais-server's messages (`serve --language fr|en`, French by default): a rule a
// push breaks (the shared validation's postal code and overlapping holds), a problem
// answer (unknown route, missing token) read as a desk reads them, in French unless the operator said
// en; and the server's translation file complete, and up to date with the sources.

#include "fakedesk.h"
#include "serverharness.h"

#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <memory>

using namespace Relais::Test;

namespace {
const QString kPassword = QStringLiteral("correct horse battery staple");
}

class TestServerLanguage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void messages_data();
    void messages();
    void pluralForms_data();
    void pluralForms();
    void unknownLanguageRefused();
    void translationComplete();
    void everyServerStringInTheTranslation();

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_db;
    QString m_passwordFile;
    qint64 m_number = 100;
};

void TestServerLanguage::initTestCase()
{
    QVERIFY2(QFile::exists(serverBinary()), qPrintable(serverBinary()));
    m_db = freshDatabaseUrl(QStringLiteral("relais_language"));
    QVERIFY(!m_db.isEmpty());
    m_tmp = std::make_unique<QTemporaryDir>(); // lives as long as the suite, removed after it
    QTemporaryDir *dir = m_tmp.get();
    m_passwordFile = dir->filePath(QStringLiteral("password"));
    QFile f(m_passwordFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kPassword.toUtf8() + "\n");
    f.close();
    const QStringList db{QStringLiteral("--db"), m_db};
    QCOMPARE(runCli(db + QStringList{QStringLiteral("init")}).exitCode, 0);
    QCOMPARE(runCli(db
                    + QStringList{QStringLiteral("publisher"), QStringLiteral("add"),
                                  QStringLiteral("OUEST"), QStringLiteral("--name"),
                                  QStringLiteral("Ouest Médias")})
                 .exitCode,
             0);
    for (const auto &[user, role] :
         {std::pair{"claire", "clerk"}, std::pair{"marc", "supervisor"}}) {
        const CliResult r = runCli(
            db
            + QStringList{QStringLiteral("user"), QStringLiteral("add"), QString::fromLatin1(user),
                          QStringLiteral("--role"), QString::fromLatin1(role),
                          QStringLiteral("--publisher"), QStringLiteral("OUEST"),
                          QStringLiteral("--password-file"), m_passwordFile});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }
}

void TestServerLanguage::messages_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("postalCode"); // the shared validation (relais_fr.ts)
    QTest::addColumn<QString>("overlap");    // the shared record rules (relais_fr.ts)
    QTest::addColumn<QString>("noRoute");    // a problem's title
    QTest::addColumn<QString>("authDetail"); // a problem's detail
    QTest::addColumn<QString>("insee");      // the shared INSEE code rule (relais_fr.ts)
    QTest::addColumn<QString>(
        "endBeforeStart"); // a record rule the desk's store shares (relais_fr.ts)
    const QString endFr = QStringLiteral(
        "La date de fin 31/12/2025 est antérieure à la date de début 01/01/2026.");
    const QString inseeFr = QStringLiteral(
        "Le code INSEE 01053 n’est pas une commune du code postal 75002 ; ses "
        "communes sont : 75102 Paris 2e Arrondissement.");
    const QString postalFr = QStringLiteral(
        "Le code postal « 7500 » n’est pas valide : un code postal français a "
        "exactement 5 chiffres.");
    const QString overlapFr = QStringLiteral(
        "Ces dates chevauchent une suspension du 01/07/2026 au 15/07/2026 sur le même abonnement.");
    QTest::newRow("default: French")
        << QStringList{} << postalFr << overlapFr << QStringLiteral("Route inconnue")
        << QStringLiteral("Envoyez Authorization: Bearer JETON (obtenu par POST /api/v1/login).")
        << inseeFr << endFr;
    QTest::newRow("--language fr")
        << QStringList{QStringLiteral("--language"), QStringLiteral("fr")} << postalFr << overlapFr
        << QStringLiteral("Route inconnue")
        << QStringLiteral("Envoyez Authorization: Bearer JETON (obtenu par POST /api/v1/login).")
        << inseeFr << endFr;
    QTest::newRow("--language en")
        << QStringList{QStringLiteral("--language"), QStringLiteral("en")}
        << QStringLiteral(
               "The postal code \"7500\" is not valid: a French postal code has exactly 5 digits.")
        << QStringLiteral(
               "These dates overlap a hold from 01/07/2026 to 15/07/2026 on the same subscription.")
        << QStringLiteral("No such route")
        << QStringLiteral("Send Authorization: Bearer TOKEN (from POST /api/v1/login).")
        << QStringLiteral(
               "The INSEE code 01053 is not a commune of postal code 75002; its communes are: "
               "75102 Paris 2e Arrondissement.")
        << QStringLiteral("The end date 31/12/2025 is before the start date 01/01/2026.");
}

void TestServerLanguage::messages()
{
    QFETCH(QStringList, options);
    QFETCH(QString, postalCode);
    QFETCH(QString, overlap);
    QFETCH(QString, noRoute);
    QFETCH(QString, authDetail);
    QFETCH(QString, insee);
    QFETCH(QString, endBeforeStart);

    ServerProcess server;
    QVERIFY(server.start(m_db, options));
    Http http(server.baseUrl());
    const QByteArray token = http.login(QStringLiteral("claire"), kPassword);
    QVERIFY(!token.isEmpty());

    // A title, its offer, a subscriber and a subscription; then two holds that overlap, and a
    // subscriber whose postal code lost a digit.
    FakeDesk desk;
    const QString code = QStringLiteral("L%1").arg(++m_number);
    const QString publication = uuid(), offer = uuid(), subscriber = uuid(), subscription = uuid();
    QJsonObject bad = subscriberRow(++m_number, QStringLiteral("Lefèvre"));
    bad.insert(QStringLiteral("postal_code"), QStringLiteral("7500"));
    // ... and one whose INSEE code is Bourg-en-Bresse's, not a commune of 75002.
    QJsonObject elsewhere = subscriberRow(++m_number, QStringLiteral("Ailleurs"));
    elsewhere.insert(QStringLiteral("insee_code"), QStringLiteral("01053"));
    // ... and a subscription that ends before it starts.
    QJsonObject backwards = subscriptionRow(subscriber, offer, publication);
    backwards.insert(QStringLiteral("end_date"), QStringLiteral("2025-12-31"));
    const QJsonObject body = desk.push(QJsonArray{
        desk.op(QStringLiteral("publication.create"), QStringLiteral("publication"), publication,
                publicationRow(code)),
        desk.op(QStringLiteral("offer.create"), QStringLiteral("offer"), offer,
                offerRow(publication, code + QStringLiteral("-1AN"))),
        desk.op(QStringLiteral("subscriber.create"), QStringLiteral("subscriber"), subscriber,
                subscriberRow(++m_number, QStringLiteral("Martin"))),
        desk.op(QStringLiteral("subscription.create"), QStringLiteral("subscription"), subscription,
                subscriptionRow(subscriber, offer, publication)),
        desk.op(QStringLiteral("hold.create"), QStringLiteral("delivery_change"), uuid(),
                holdRow(subscription, QStringLiteral("2026-07-01"), QStringLiteral("2026-07-15"))),
        desk.op(QStringLiteral("hold.create"), QStringLiteral("delivery_change"), uuid(),
                holdRow(subscription, QStringLiteral("2026-07-10"), QStringLiteral("2026-07-20"))),
        desk.op(QStringLiteral("subscriber.create"), QStringLiteral("subscriber"), uuid(), bad),
        desk.op(QStringLiteral("subscriber.create"), QStringLiteral("subscriber"), uuid(),
                elsewhere),
        desk.op(QStringLiteral("subscription.create"), QStringLiteral("subscription"), uuid(),
                backwards)});
    Response r = http.postJson(QStringLiteral("/api/v1/sync/push"), body, token);
    QCOMPARE(r.status, 200);
    const QJsonArray results = r.json.value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), 9);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(results.at(i).toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("applied"));

    // What the desk shows its clerk: the operation's message and each issue's.
    const QJsonObject overlapping = results.at(5).toObject();
    QCOMPARE(overlapping.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
    const QJsonObject
        overlapIssue = overlapping.value(QStringLiteral("issues")).toArray().at(0).toObject();
    QCOMPARE(overlapIssue.value(QStringLiteral("code")).toString(),
             QStringLiteral("range.overlap"));
    QCOMPARE(overlapIssue.value(QStringLiteral("message")).toString(), overlap);
    QCOMPARE(overlapping.value(QStringLiteral("message")).toString(), overlap);

    const QJsonObject badPostalCode = results.at(6).toObject();
    QCOMPARE(badPostalCode.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
    QJsonObject postalIssue;
    for (const QJsonValue &v : badPostalCode.value(QStringLiteral("issues")).toArray())
        if (v.toObject().value(QStringLiteral("field")).toString() == u"postal_code")
            postalIssue = v.toObject();
    QCOMPARE(postalIssue.value(QStringLiteral("code")).toString(),
             QStringLiteral("postal_code.format"));
    // The message may go on with "Did you mean...?" in the same language.
    const QString postalMessage = postalIssue.value(QStringLiteral("message")).toString();
    QVERIFY2(postalMessage.startsWith(postalCode), qPrintable(postalMessage));

    // An INSEE code that is not a commune of the postal code: refused, on its own field.
    const QJsonObject badInsee = results.at(7).toObject();
    QCOMPARE(badInsee.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
    QCOMPARE(badInsee.value(QStringLiteral("code")).toString(), QStringLiteral("rule.broken"));
    const QJsonArray inseeIssues = badInsee.value(QStringLiteral("issues")).toArray();
    QCOMPARE(inseeIssues.size(), 1);
    QCOMPARE(inseeIssues.at(0).toObject().value(QStringLiteral("field")).toString(),
             QStringLiteral("insee_code"));
    QCOMPARE(inseeIssues.at(0).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("insee.mismatch"));
    QCOMPARE(inseeIssues.at(0).toObject().value(QStringLiteral("message")).toString(), insee);

    // A rule the desk's store applies too: the server says it in the desk's words.
    const QJsonObject endIssue = results.at(8)
                                     .toObject()
                                     .value(QStringLiteral("issues"))
                                     .toArray()
                                     .at(0)
                                     .toObject();
    QCOMPARE(endIssue.value(QStringLiteral("field")).toString(), QStringLiteral("end_date"));
    QCOMPARE(endIssue.value(QStringLiteral("code")).toString(), QStringLiteral("date.range"));
    QCOMPARE(endIssue.value(QStringLiteral("message")).toString(), endBeforeStart);

    // Problems: an unknown route (title), a route without a token (title and detail).
    r = http.get(QStringLiteral("/api/v1/no-such-route"), token);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.code(), QStringLiteral("route.unknown"));
    QCOMPARE(r.json.value(QStringLiteral("title")).toString(), noRoute);
    r = http.get(QStringLiteral("/api/v1/sync/pull?since=0&desk_id=%1").arg(desk.id()));
    QCOMPARE(r.status, 401);
    QCOMPARE(r.code(), QStringLiteral("auth.missing"));
    QCOMPARE(r.json.value(QStringLiteral("detail")).toString(), authDetail);
}

// A message with a count takes the French singular for 1 (and 0), the plural from 2.
void TestServerLanguage::pluralForms_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("refused");
    QTest::addColumn<QString>("detail");
    QTest::newRow("fr, 1") << QStringList{} << 1
                           << QStringLiteral("1 ligne enfreint une règle ; rien n’a été écrit.");
    QTest::newRow("fr, 2") << QStringList{} << 2
                           << QStringLiteral(
                                  "2 lignes enfreignent une règle ; rien n’a été écrit.");
    QTest::newRow("en, 1") << QStringList{QStringLiteral("--language"), QStringLiteral("en")} << 1
                           << QStringLiteral("1 row(s) break a rule; nothing was written.");
}

void TestServerLanguage::pluralForms()
{
    QFETCH(QStringList, options);
    QFETCH(int, refused);
    QFETCH(QString, detail);
    ServerProcess server;
    QVERIFY(server.start(m_db, options));
    Http http(server.baseUrl());
    const QByteArray token = http.login(QStringLiteral("marc"), kPassword);
    QVERIFY(!token.isEmpty());
    QJsonArray rows;
    for (int i = 0; i < refused; ++i) {
        QJsonObject bad = subscriberRow(++m_number, QStringLiteral("Faux"));
        bad.insert(QStringLiteral("id"), uuid());
        bad.insert(QStringLiteral("postal_code"), QStringLiteral("7500"));
        rows << QJsonObject{{QStringLiteral("entity"), QStringLiteral("subscriber")},
                            {QStringLiteral("row"), bad}};
    }
    const Response r = http.postJson(QStringLiteral("/api/v1/bulk/import"),
                                     {{QStringLiteral("import_id"), uuid()},
                                      {QStringLiteral("rows"), rows}},
                                     token);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.code(), QStringLiteral("import.refused"));
    QCOMPARE(r.json.value(QStringLiteral("refused")).toArray().size(), refused);
    QCOMPARE(r.json.value(QStringLiteral("detail")).toString(), detail);
}

void TestServerLanguage::unknownLanguageRefused()
{
    const CliResult r = runCli({QStringLiteral("--db"), m_db, QStringLiteral("serve"),
                                QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                QStringLiteral("--language"), QStringLiteral("de")});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("language: fr or en")), qPrintable(r.err));
}

// Every string of relais-server_fr.ts has its French, with the same placeholders as the English.
void TestServerLanguage::translationComplete()
{
    QFile file(QStringLiteral(RELAIS_SERVER_TS));
    QVERIFY2(file.open(QIODevice::ReadOnly), RELAIS_SERVER_TS);
    QXmlStreamReader xml(&file);
    static const QRegularExpression marker(QStringLiteral("%L?(\\d|n)"));
    const auto markers = [](const QString &text) {
        QStringList out;
        for (auto it = marker.globalMatch(text); it.hasNext();)
            out << it.next().captured(1);
        out.sort();
        return out;
    };
    int messages = 0;
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"source") {
            source = xml.readElementText();
            ++messages;
        } else if (xml.name() == u"translation") {
            const QString type = xml.attributes().value(QLatin1StringView("type")).toString();
            QVERIFY2(type.isEmpty(), qPrintable(QStringLiteral("%1: %2").arg(type, source)));
            QStringList forms;
            QString text;
            while (!xml.atEnd()
                   && !(xml.readNext() == QXmlStreamReader::EndElement
                        && xml.name() == u"translation")) {
                if (xml.isCharacters())
                    text += xml.text();
                else if (xml.isStartElement() && xml.name() == u"numerusform")
                    forms << xml.readElementText();
            }
            if (forms.isEmpty())
                forms << text;
            for (const QString &form : std::as_const(forms)) {
                QVERIFY2(!form.trimmed().isEmpty(), qPrintable(source));
                QCOMPARE(markers(form), markers(source));
            }
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    // The whole file was read (the rules shared with the desk are in relais_fr.ts, not here).
    QVERIFY2(messages >= 150, qPrintable(QString::number(messages)));
}

// Every string the server's sources hand to tr() (or QT_TRANSLATE_NOOP) is in relais-server_fr.ts: a
// new one needs `cmake --build . --target relais_server_lupdate` and its French.
void TestServerLanguage::everyServerStringInTheTranslation()
{
    QSet<QString> known;
    {
        QFile file(QStringLiteral(RELAIS_SERVER_TS));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"source")
                known.insert(xml.readElementText());
    }
    // tr("a" "b"...) and QT_TRANSLATE_NOOP("context", "a" "b"...): adjacent literals make one text.
    static const QRegularExpression call(QStringLiteral(
        R"re((?:\btr\(|QT_TRANSLATE_NOOP\(\s*"[^"]*"\s*,)\s*((?:"(?:[^"\\]|\\.)*"\s*)+))re"));
    static const QRegularExpression literal(QStringLiteral(R"re("((?:[^"\\]|\\.)*)")re"));
    QStringList missing;
    int texts = 0;
    QStringList files;
    for (const QString &root : {QStringLiteral(RELAIS_SOURCE_DIR "/server"),
                                QStringLiteral(RELAIS_SOURCE_DIR "/models/protocol")}) {
        QDirIterator it(root, {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (!path.contains(u"/bench/"))
                files << path;
        }
    }
    QVERIFY(files.size() > 20);
    for (const QString &path : std::as_const(files)) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString code = QString::fromUtf8(f.readAll());
        for (auto m = call.globalMatch(code); m.hasNext();) {
            QString text;
            for (auto l = literal.globalMatch(m.next().captured(1)); l.hasNext();)
                text += l.next().captured(1);
            text.replace(QStringLiteral("\\\""), QStringLiteral("\""))
                .replace(QStringLiteral("\\n"), QStringLiteral("\n"));
            ++texts;
            if (!known.contains(text))
                missing << QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), text);
        }
    }
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("not in relais-server_fr.ts (build relais_server_lupdate, "
                                       "then translate):\n")
                        + missing.join(u'\n')));
    QVERIFY2(texts >= 200, qPrintable(QString::number(texts)));
}

QTEST_GUILESS_MAIN(TestServerLanguage)
#include "tst_server_language.moc"
