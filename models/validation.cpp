#include "validation.h"

#include "formats.h"
#include "postalcodes.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>

namespace Relais::Validation {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Relais::Validation", text);
}

QString fieldName(const char16_t *f)
{
    return QString::fromUtf16(f);
}

Issue issue(const char16_t *field, const char *rule, QString message)
{
    return Issue{fieldName(field), QString::fromLatin1(rule), std::move(message)};
}

bool hasControlCharacter(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        return c.category() == QChar::Other_Control || c == QChar::LineSeparator
               || c == QChar::ParagraphSeparator;
    });
}

// Checks one printed line; `number` is the NF Z10-011 line number (1..7).
void checkLine(Issues &out, const char16_t *field, int number, const QString &text)
{
    if (hasControlCharacter(text)) {
        out << issue(field, "line.invalid_character",
                     tr("Line %1 contains a tab, line break or other control character.")
                         .arg(number));
    }
    const int length = printedLength(text);
    if (length <= MaxLineLength)
        return;
    QString message;
    if (number == 6) {
        message = tr("The postal code and town line has %1 characters; at most %2 are allowed.")
                      .arg(length)
                      .arg(MaxLineLength);
    } else if (number == 7) {
        message = tr("The country line has %1 characters; at most %2 are allowed.")
                      .arg(length)
                      .arg(MaxLineLength);
    } else {
        message = tr("Line %1 has %2 characters; at most %3 are allowed.")
                      .arg(number)
                      .arg(length)
                      .arg(MaxLineLength);
    }
    out << issue(field, "line.too_long", message);
}

bool isAsciiDigits(QStringView s)
{
    return !s.isEmpty()
           && std::all_of(s.begin(), s.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

// "LYON CEDEX 03" -> "LYON"; nullopt when there is no CEDEX suffix. Plain string work rather than
// a shared regular expression, since validation runs on the server's threads too.
std::optional<QString> stripCedex(const QString &foldedCity)
{
    QStringList words = foldedCity.split(u' ', Qt::SkipEmptyParts);
    if (words.size() >= 2 && words.constLast().size() <= 3 && isAsciiDigits(words.constLast()))
        words.removeLast();
    if (words.size() < 2 || words.constLast() != u"CEDEX")
        return std::nullopt;
    words.removeLast();
    return words.join(u' ');
}

// An INSEE commune code: 5 digits, or 2A/2B and 3 digits in Corsica.
bool isInseeFormat(QStringView code)
{
    if (code.size() != 5 || !isAsciiDigits(code.sliced(2)))
        return false;
    const QStringView department = code.first(2);
    return isAsciiDigits(department) || department == u"2A" || department == u"2B";
}

// The reference data gives Paris, Marseille and Lyon postal codes their arrondissements (75102,
// 13201, 69382); address files often carry the city's own code instead.
QString cityOfArrondissement(const QString &insee)
{
    const int n = insee.sliced(3).toInt();
    if (insee.startsWith(u"751") && n >= 1 && n <= 20)
        return QStringLiteral("75056");
    if (insee.startsWith(u"132") && n >= 1 && n <= 16)
        return QStringLiteral("13055");
    if (insee.startsWith(u"693") && n >= 81 && n <= 89)
        return QStringLiteral("69123");
    return QString();
}

bool isCodeOf(const Commune &c, const QString &insee)
{
    return c.inseeCode == insee
           || (insee.size() == 5 && cityOfArrondissement(c.inseeCode) == insee);
}

// Distinct routing labels of a code, for telling the clerk what the town should be.
QString expectedTowns(const QList<Commune> &communes)
{
    QStringList labels;
    for (const Commune &c : communes) {
        const QString label = c.routingLabel.isEmpty() ? c.name : c.routingLabel;
        if (!labels.contains(label))
            labels << label;
    }
    constexpr int shown = 3;
    if (labels.size() <= shown)
        return labels.join(QStringLiteral(", "));
    return tr("%1 and %2 more")
        .arg(labels.mid(0, shown).join(QStringLiteral(", ")),
             QString::number(labels.size() - shown));
}

// The CEDEX codes are not published, so an unknown code followed by "CEDEX" is accepted when the
// town exists in the department the code points to.
bool townInDepartment(const PostalCodeDirectory &dir, const QString &department,
                      const QString &town)
{
    const QStringList codes = dir.codesStartingWith(department, std::numeric_limits<int>::max());
    return std::any_of(codes.cbegin(), codes.cend(),
                       [&](const QString &code) { return dir.match(code, town).has_value(); });
}

void checkFrenchTown(Issues &out, const Address &a)
{
    const PostalCodeDirectory &dir = PostalCodeDirectory::instance();
    const QString code = a.postalCode.trimmed();
    const QString city = a.city.trimmed();

    if (city.isEmpty())
        out << issue(Field::City, "city.required", tr("The town is required."));
    if (code.isEmpty()) {
        out << issue(Field::PostalCode, "postal_code.required",
                     tr("The postal code is required for an address in France."));
        return;
    }
    if (code.size() != 5 || !isAsciiDigits(code)) {
        QString message = tr("The postal code \"%1\" is not valid: a French postal code has "
                             "exactly 5 digits.")
                              .arg(code);
        // The leading zero often gets lost in spreadsheets (1000 for 01000), and a digit gets
        // dropped ("7500 Paris"): the town decides which code was meant (75001, not 07500).
        if (code.size() == 4 && isAsciiDigits(code)) {
            QStringList candidates{u'0' + code};
            for (QChar d = u'0'; d <= u'9'; d = QChar(d.unicode() + 1))
                candidates << code + d;
            QStringList meant;
            for (const QString &c : std::as_const(candidates))
                if (dir.isKnown(c)
                    && (city.isEmpty() ? c.startsWith(u'0') : dir.match(c, city).has_value()))
                    meant << c;
            if (!meant.isEmpty())
                message += u' '
                           + tr("Did you mean %1?").arg(meant.mid(0, 3).join(QStringLiteral(", ")));
        }
        out << issue(Field::PostalCode, "postal_code.format", message);
        return;
    }
    if (city.isEmpty())
        return;

    if (dir.match(code, city))
        return;

    const QString folded = foldForPostal(city);
    const std::optional<QString> cedexTown = stripCedex(folded);
    if (cedexTown && dir.match(code, *cedexTown))
        return;

    if (!dir.isKnown(code)) {
        if (!cedexTown) {
            out << issue(Field::PostalCode, "postal_code.unknown",
                         tr("The postal code %1 does not exist in La Poste's list.").arg(code));
            return;
        }
        const QString department = code.left(2);
        if (townInDepartment(dir, department, *cedexTown))
            return;
        out << issue(Field::City, "city.mismatch",
                     tr("No town named %1 has a postal code starting with %2; check the town "
                        "and the CEDEX code.")
                         .arg(*cedexTown, department));
        return;
    }

    out << issue(Field::City, "city.mismatch",
                 tr("The postal code %1 is for %2, not %3.")
                     .arg(code, expectedTowns(dir.communesFor(code)), city));
}

} // namespace

QString foldForPostal(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_D);
    QString out;
    out.reserve(decomposed.size());
    bool pendingSpace = false;
    auto put = [&](QStringView s) {
        if (pendingSpace && !out.isEmpty())
            out += u' ';
        pendingSpace = false;
        out += s;
    };
    for (QChar c : decomposed) {
        switch (c.category()) {
        case QChar::Mark_NonSpacing:
        case QChar::Mark_SpacingCombining:
        case QChar::Mark_Enclosing:
            continue; // accents: "É" was split into "E" and a combining mark
        default: break;
        }
        // Ligatures have no decomposition but La Poste spells them out.
        switch (c.unicode()) {
        case u'Œ':
        case u'œ': put(u"OE"); continue;
        case u'Æ':
        case u'æ': put(u"AE"); continue;
        case u'ß': put(u"SS"); continue;
        default: break;
        }
        if (c.isLetterOrNumber()) {
            const QString upper = QString(c).toUpper();
            put(upper);
        } else {
            // Hyphens, apostrophes, punctuation and any kind of space separate words.
            pendingSpace = true;
        }
    }
    return out;
}

Issues validateAddress(const Address &a)
{
    Issues out;
    checkLine(out, Field::Line2, 2, a.line2);
    checkLine(out, Field::Line3, 3, a.line3);
    checkLine(out, Field::Line4, 4, a.line4);
    checkLine(out, Field::Line5, 5, a.line5);

    if (a.line4.trimmed().isEmpty() && a.line5.trimmed().isEmpty()) {
        out << issue(Field::Line4, "street.required",
                     tr("The number and street (line 4) is required, unless line 5 gives a "
                        "lieu-dit or a post-office box."));
    }

    const QString
        line6 = QStringList{a.postalCode.trimmed(), a.city.trimmed()}.join(u' ').trimmed();
    const qsizetype before = out.size();
    checkLine(out, Field::City, 6, line6);
    if (a.isFrance() && out.size() > before && out.constLast().rule == u"line.too_long") {
        // Long commune names have a shorter routing label made for this line.
        const auto commune = PostalCodeDirectory::instance().match(a.postalCode, a.city);
        if (commune && printedLength(commune->routingLabel) < printedLength(a.city)) {
            out.last().message += u' '
                                  + tr("Write the town as La Poste's routing label: %1.")
                                        .arg(commune->routingLabel);
        }
    }

    if (a.isFrance()) {
        checkFrenchTown(out, a);
    } else {
        if (a.city.trimmed().isEmpty())
            out << issue(Field::City, "city.required", tr("The town is required."));
        checkLine(out, Field::Country, 7, a.country);
    }
    out += validateInseeCode(a);
    // Text that folds to nothing ("-", ".") is not a country a postman can read.
    if (!a.country.trimmed().isEmpty() && foldForPostal(a.country).isEmpty()) {
        out << issue(Field::Country, "country.required",
                     tr("The country \"%1\" is not a country name.").arg(a.country.trimmed()));
    }
    return out;
}

Issues validateInseeCode(const Address &a)
{
    Issues out;
    const QString code = a.inseeCode.trimmed();
    if (code.isEmpty())
        return out;
    if (!isInseeFormat(code)) {
        out << issue(
            Field::InseeCode, "insee.format",
            tr("\"%1\" is not an INSEE commune code (5 digits, 2A or 2B and 3 digits in Corsica).")
                .arg(code));
        return out;
    }
    if (!a.isFrance()) {
        out << issue(Field::InseeCode, "insee.abroad",
                     tr("An INSEE commune code (%1) is given for an address abroad (%2).")
                         .arg(code, a.country.trimmed()));
        return out;
    }
    const QList<Commune> communes = PostalCodeDirectory::instance().communesFor(
        a.postalCode.trimmed());
    if (communes.isEmpty())
        return out; // the postal code itself is reported by the address rules, or is a CEDEX
    QStringList known;
    for (const Commune &c : communes) {
        if (isCodeOf(c, code))
            return out;
        known << QStringLiteral("%1 %2").arg(c.inseeCode, c.name);
    }
    known.removeDuplicates();
    out << issue(Field::InseeCode, "insee.mismatch",
                 tr("The INSEE code %1 is not a commune of postal code %2; its communes are: %3.")
                     .arg(code, a.postalCode.trimmed(), known.join(QStringLiteral(", "))));
    return out;
}

bool inseeCodeFits(const Address &a)
{
    const QString code = a.inseeCode.trimmed();
    if (code.isEmpty())
        return true;
    if (!validateInseeCode(a).isEmpty())
        return false;
    const QList<Commune> towns = PostalCodeDirectory::instance().matchAll(a.postalCode, a.city);
    return towns.isEmpty() || std::any_of(towns.cbegin(), towns.cend(), [&](const Commune &c) {
               return isCodeOf(c, code);
           });
}

void dropStaleInseeCode(Address &edited, const Address &before)
{
    if (edited.inseeCode.trimmed().isEmpty()
        || edited.inseeCode.trimmed() != before.inseeCode.trimmed())
        return;
    const bool moved = edited.postalCode.trimmed() != before.postalCode.trimmed()
                       || foldForPostal(edited.city) != foldForPostal(before.city)
                       || edited.isFrance() != before.isFrance();
    if ((moved && !inseeCodeFits(edited)) || !validateInseeCode(edited).isEmpty())
        edited.inseeCode.clear();
}

Issues validateIdentity(const Subscriber &s)
{
    Issues out;
    if (s.lastName.trimmed().isEmpty() && s.company.trimmed().isEmpty()) {
        out << issue(Field::LastName, "name.required",
                     tr("A last name or a company name is required."));
    }
    checkLine(out, Field::Line1, 1, s.line1());
    return out;
}

Issues validateEmail(const QString &email)
{
    Issues out;
    const QString e = email.trimmed();
    if (e.isEmpty())
        return out;
    auto bad = [&](const QString &why) {
        out << issue(Field::Email, "email.format",
                     tr("The email address \"%1\" is not valid: %2").arg(e, why));
        return out;
    };
    if (e.size() > 254)
        return bad(tr("it has %1 characters; at most 254 are allowed.").arg(e.size()));
    if (std::any_of(e.cbegin(), e.cend(), [](QChar c) { return c.isSpace(); }))
        return bad(tr("it contains a space."));
    if (e.count(u'@') != 1)
        return bad(tr("it must contain exactly one @."));
    const qsizetype at = e.indexOf(u'@');
    const QStringView local = QStringView(e).first(at);
    const QStringView domain = QStringView(e).sliced(at + 1);
    if (local.isEmpty())
        return bad(tr("there is nothing before the @."));
    if (local.size() > 64)
        return bad(tr("the part before the @ has %1 characters; at most 64 are allowed.")
                       .arg(local.size()));
    if (!domain.contains(u'.'))
        return bad(tr("the part after the @ must be a domain such as example.fr."));
    const QList<QStringView> labels = domain.split(u'.');
    for (QStringView label : labels) {
        if (label.isEmpty())
            return bad(tr("the domain has an empty part (two dots, or a dot at the start or "
                          "end)."));
        if (label.startsWith(u'-') || label.endsWith(u'-'))
            return bad(tr("a part of the domain starts or ends with a hyphen."));
        for (QChar c : label) {
            if (!c.isLetterOrNumber() && c != u'-')
                return bad(tr("the domain contains the character \"%1\".").arg(c));
        }
    }
    if (labels.constLast().size() < 2)
        return bad(tr("the domain must end with a name of at least two letters, such as .fr."));
    return out;
}

namespace {

struct ParsedPhone
{
    QString e164;   // "+33612345678" when valid
    QString reason; // translated, when not
};

ParsedPhone parsePhone(const QString &phone)
{
    QString text = phone.trimmed();
    ParsedPhone p;
    // "+33 (0)1 23 45 67 89": the bracketed trunk zero is a common way to write French numbers.
    text.replace(QStringLiteral("(0)"), QString());

    bool plus = false;
    QString digits;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c >= u'0' && c <= u'9') {
            digits += c;
        } else if (c == u'+' && i == 0) {
            plus = true;
        } else if (c == u' ' || c == u'.' || c == u'-' || c == u'(' || c == u')' || c == QChar::Nbsp
                   || c == u'/') {
            continue;
        } else {
            p.reason = tr("it contains \"%1\"; only digits, spaces, dots, hyphens and a "
                          "leading + are allowed.")
                           .arg(c);
            return p;
        }
    }

    bool international = plus;
    if (!plus && digits.startsWith(u"00")) {
        international = true;
        digits = digits.sliced(2);
    }

    if (!international) {
        if (digits.size() != 10 || digits.at(0) != u'0') {
            p.reason = tr("a French number has 10 digits starting with 0 and this one has "
                          "%1; write other countries' numbers with + and the country code.")
                           .arg(digits.size());
            return p;
        }
        if (digits.at(1) == u'0') {
            p.reason = tr("a French number cannot start with 00.");
            return p;
        }
        p.e164 = QStringLiteral("+33") + digits.sliced(1);
        return p;
    }

    if (digits.startsWith(u'0')) {
        p.reason = tr("a country code cannot start with 0.");
        return p;
    }
    if (digits.size() < 8 || digits.size() > 15) {
        p.reason = tr("an international number has 8 to 15 digits with its country code "
                      "and this one has %1.")
                       .arg(digits.size());
        return p;
    }
    if (digits.startsWith(u"33") && (digits.size() != 11 || digits.at(2) == u'0')) {
        p.reason = tr("a French number after +33 has 9 digits and no leading 0.");
        return p;
    }
    p.e164 = u'+' + digits;
    return p;
}

} // namespace

Issues validatePhone(const QString &phone)
{
    Issues out;
    if (phone.trimmed().isEmpty())
        return out;
    const ParsedPhone p = parsePhone(phone);
    if (p.e164.isEmpty()) {
        out << issue(Field::Phone, "phone.format",
                     tr("The phone number \"%1\" is not valid: %2").arg(phone.trimmed(), p.reason));
    }
    return out;
}

QString normalizePhone(const QString &phone)
{
    if (phone.trimmed().isEmpty())
        return {};
    return parsePhone(phone).e164;
}

QString displayDate(QDate date)
{
    return date.isValid() ? date.toString(QStringLiteral("dd/MM/yyyy")) : QString();
}

Issues validateDateRange(QDate from, QDate to, const QString &fromField, const QString &toField)
{
    Issues out;
    auto invalid = [&](const QString &field) {
        out << Issue{field, QStringLiteral("date.invalid"),
                     field == fromField ? tr("The start date is missing or not a valid date.")
                                        : tr("The end date is missing or not a valid date.")};
    };
    if (!from.isValid())
        invalid(fromField);
    if (!to.isValid())
        invalid(toField);
    if (from.isValid() && to.isValid() && from > to) {
        out << Issue{toField, QStringLiteral("date.range"),
                     tr("The end date %1 is before the start date %2.")
                         .arg(displayDate(to), displayDate(from))};
    }
    return out;
}

Issues validateSubscriber(const Subscriber &s)
{
    Issues out = validateIdentity(s);
    out += validateAddress(s.address);
    out += validateEmail(s.email);
    out += validatePhone(s.phone);
    return out;
}

QString sortKey(const QString &lastName, const QString &firstName, const QString &company)
{
    const QString name = lastName.trimmed().isEmpty() ? company : lastName + u' ' + firstName;
    return foldForPostal(name).toLower();
}

} // namespace Relais::Validation
