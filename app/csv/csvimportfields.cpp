// Reading a file's header (which field each column gives) and previewing a file; the import
// itself is in csvimport.cpp.

#include "csvimport_p.h"

#include "validation.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace Relais::Csv {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Relais::Csv", text);
}

} // namespace

namespace Internal {

const QStringList &fieldNames()
{
    static const QStringList names =
        {QStringLiteral("number"),       QStringLiteral("civility"),
         QStringLiteral("first_name"),   QStringLiteral("last_name"),
         QStringLiteral("company"),      QStringLiteral("line1"),
         QStringLiteral("line2"),        QStringLiteral("line3"),
         QStringLiteral("line4"),        QStringLiteral("line5"),
         QStringLiteral("line6"),        QStringLiteral("postal_code"),
         QStringLiteral("city"),         QStringLiteral("country"),
         QStringLiteral("email"),        QStringLiteral("phone"),
         QStringLiteral("notes"),        QStringLiteral("consents"),
         QStringLiteral("insee_code"),   QStringLiteral("temporary_address"),
         QStringLiteral("l2"),           QStringLiteral("l3"),
         QStringLiteral("l4"),           QStringLiteral("l5"),
         QStringLiteral("country_line"), QStringLiteral("movement")};
    return names;
}

// Header spellings, folded (capitals, no accents, no spaces or punctuation) then lower-cased.
const QHash<QString, QString> &aliases()
{
    static const QHash<QString, QString> map = [] {
        QHash<QString, QString> m;
        auto add = [&m](const char *field, std::initializer_list<const char *> names) {
            for (const char *n : names)
                m.insert(QString::fromLatin1(n), QString::fromLatin1(field));
        };
        add("number",
            {"number", "numero", "numeroabonne", "noabonne", "numabonne", "subscribernumber",
             "subscriberno", "no", "num", "numeroclient", "numclient", "nabonne"});
        add("civility", {"civility", "civilite", "titre", "title", "salutation"});
        add("first_name", {"firstname", "prenom", "givenname"});
        add("last_name", {"lastname", "nom", "surname", "familyname", "nomdefamille"});
        add("company",
            {"company", "societe", "raisonsociale", "entreprise", "organisation", "organization"});
        add("line1", {"l1", "ligne1", "line1", "destinataire", "recipient"});
        add("l2", {"l2", "ligne2"});
        add("l3", {"l3", "ligne3"});
        add("l4", {"l4", "ligne4"});
        add("l5", {"l5", "ligne5"});
        add("line2", {"line2", "complementdestinataire", "appartement", "apartment"});
        add("line3", {"line3", "complementpointgeographique", "batiment", "building", "residence"});
        add("line4", {"line4", "adresse", "address", "voie", "rue", "street", "numeroetvoie",
                      "numeroetlibelledelavoie"});
        add("line5", {"line5", "lieudit", "mentionspeciale", "bp", "boitepostale"});
        add("line6", {"l6", "ligne6", "line6"});
        add("postal_code", {"postalcode", "codepostal", "cp", "zip", "zipcode", "postcode"});
        add("city", {"city", "ville", "commune", "localite", "town", "locality"});
        add("country", {"country"});
        add("country_line", {"pays", "countryline"});
        add("email", {"email", "courriel", "mail", "adressemail", "emailaddress", "adresseemail"});
        add("phone", {"phone", "telephone", "tel", "portable", "mobile", "phonenumber"});
        add("notes", {"notes", "note", "remarques", "commentaire", "commentaires", "comments"});
        add("consents", {"consents", "consentements"});
        // The INSEE commune code of mailing lists made elsewhere: checked against the postal code.
        add("insee_code", {"codeinsee", "codecommune", "insee", "inseecode", "codecommuneinsee"});
        add("temporary_address", {"temporaryaddress", "adressetemporaire"});
        // Columns an export writes that do not describe the subscriber: read and set aside.
        add("", {"copies", "exemplaires", "idabonnement", "subscriptionid", "offer", "offre",
                 "start", "debut", "end", "fin", "payernumber", "numeropayeur", "subscriberid",
                 "rejectreason", "motifrejet"});
        add("movement", {"mouvement", "movement", "change"});
        return m;
    }();
    return map;
}

QString foldHeader(const QString &header)
{
    return Validation::foldForPostal(header).remove(u' ').toLower();
}

QString civilityOf(const QString &text)
{
    const QString f = Validation::foldForPostal(text);
    if (f == u"M" || f == u"MR" || f == u"MONSIEUR")
        return QStringLiteral("M.");
    if (f == u"MME" || f == u"MADAME" || f == u"MLLE" || f == u"MADEMOISELLE" || f == u"MRS"
        || f == u"MS")
        return QStringLiteral("Mme");
    return text;
}

// A spreadsheet formula in an incoming cell is refused rather than stored: it would run the day
// someone exports and opens the data. Our own exports mark such text with a leading apostrophe,
// which is taken off again here.
bool isFormula(QStringView cell)
{
    if (cell.startsWith(u'=') || cell.startsWith(QChar(0xFF1D)))
        return true;
    if (cell.startsWith(u'+') || cell.startsWith(u'-') || cell.startsWith(u'@')) {
        static const QRegularExpression call(QStringLiteral("[A-Za-z]\\s*\\(|[|!]"));
        return call.match(cell).hasMatch();
    }
    return false;
}

Error invalidAt(const QString &fileName, qint64 line, const QString &column, const QString &rule,
                const QString &message)
{
    const ImportIssue i{line, column, rule, message};
    Error e = Error::invalid({Issue{issuePlace(fileName, i), rule, message}});
    e.message = tr("%1 cannot be imported; nothing was written.").arg(fileName);
    return e;
}

// Names the column by its header once the header is known ("nom (4)"), by its number before.
Error readError(const QString &fileName, const ReadError &r, const QStringList &header)
{
    QString column;
    if (r.column > 0)
        column = r.column <= header.size() && !header.at(r.column - 1).trimmed().isEmpty()
                     ? QStringLiteral("%1 (%2)")
                           .arg(header.at(r.column - 1).trimmed())
                           .arg(r.column)
                     : QString::number(r.column);
    return invalidAt(fileName, r.line, column, r.code, r.message);
}

} // namespace Internal

using namespace Internal;

QStringList importFieldNames()
{
    return fieldNames().mid(0, TemporaryAddress);
}

std::optional<QString> fieldForHeader(const QString &header)
{
    const QString key = foldHeader(header);
    const auto it = aliases().constFind(key);
    if (it == aliases().constEnd())
        return std::nullopt;
    return *it;
}

QString issuePlace(const QString &fileName, const ImportIssue &issue)
{
    QString place = fileName;
    if (issue.line > 0)
        place += u':' + QString::number(issue.line);
    if (!issue.column.isEmpty())
        place += QStringLiteral(": column ") + issue.column;
    return place;
}

Result<ImportPreview> previewImport(const QString &path, int rows)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::make(ErrorKind::Io, QStringLiteral("io.read"),
                           tr("Cannot read %1: %2").arg(path, f.errorString()));
    const QString name = QFileInfo(path).fileName();
    const auto detected = CsvReader::detectEncoding(&f);
    if (detected.error)
        return readError(name, *detected.error);
    CsvReader reader(&f,
                     CsvReader::Options{0, detected.encoding, CsvReader::DefaultMaxRecordBytes});
    ImportPreview p;
    QStringList cells;
    if (!reader.readRecord(p.header)) {
        if (reader.hasError())
            return readError(name, reader.error());
        return invalidAt(name, 0, QString(), QStringLiteral("file.empty"),
                         tr("The file is empty."));
    }
    p.encoding = reader.encoding();
    p.separator = QLatin1Char(reader.separator());
    for (const QString &h : p.header)
        p.guessedFields << fieldForHeader(h).value_or(QStringLiteral("?"));
    while (p.rows.size() < rows && reader.readRecord(cells))
        p.rows << cells;
    if (reader.hasError())
        return readError(name, reader.error());
    return p;
}

} // namespace Relais::Csv
