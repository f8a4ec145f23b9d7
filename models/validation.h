#pragma once
// Validation rules shared by the desk forms, relaisctl, imports and the server. Every rule returns
// Issues that name the field (the stable snake_case names used in JSON, the database and relaisctl)
// and carry a translated reason a clerk can read.

#include "domain.h"
#include "result.h"

namespace Relais::Validation {

// NF Z10-011: at most 38 characters on every address line, line 1 included.
inline constexpr int MaxLineLength = 38;

// Field names, as used on the wire, in the database and in messages.
namespace Field {
inline constexpr char16_t Civility[] = u"civility";
inline constexpr char16_t FirstName[] = u"first_name";
inline constexpr char16_t LastName[] = u"last_name";
inline constexpr char16_t Company[] = u"company";
inline constexpr char16_t Line1[] = u"line1";
inline constexpr char16_t Line2[] = u"line2";
inline constexpr char16_t Line3[] = u"line3";
inline constexpr char16_t Line4[] = u"line4";
inline constexpr char16_t Line5[] = u"line5";
inline constexpr char16_t PostalCode[] = u"postal_code";
inline constexpr char16_t City[] = u"city";
inline constexpr char16_t Country[] = u"country";
inline constexpr char16_t InseeCode[] = u"insee_code";
inline constexpr char16_t Email[] = u"email";
inline constexpr char16_t Phone[] = u"phone";
} // namespace Field

// Address lines 2..6 and the country. For France: the postal code must be five digits that exist in
// the reference data, and the town must be one of that code's communes or its routing label
// (compared without case, accents, hyphens or apostrophes; "CEDEX nn" after the town is accepted
// when the code is not in the open data, since La Poste publishes no CEDEX list). Line 4 (number
// and street) is required unless line 5 (lieu-dit, BP) is given. For other countries the postal
// code and town are free text, each line still at most 38 characters, and the country is required.
// The INSEE commune code, when given (validateAddress checks it too): 5 characters (2A/2B and 3
// digits in Corsica), in France only, and a commune of the postal code in the reference data (for
// Paris, Marseille and Lyon the city's own code, 75056, 13055, 69123, as well as the
// arrondissement's). A postal code the data does not know (CEDEX) leaves the code unchecked.
Issues validateAddress(const Address &a);
Issues validateInseeCode(const Address &a);
// Whether the INSEE code still fits the address: it passes validateInseeCode and, when the town is
// one of the postal code's communes, it is that commune's code. True when there is no code.
bool inseeCodeFits(const Address &a);
// After an edit of `edited` from `before`: the INSEE code the edit left as it was is dropped when
// the postal code, town or country changed and it no longer fits, or when it no longer passes the
// rules (the reference data changed). A code the edit itself changed is left to the rules.
void dropStaleInseeCode(Address &edited, const Address &before);

// Name and line 1: a last name or a company is required; line 1 at most 38 characters.
Issues validateIdentity(const Subscriber &s);

// Empty is allowed. Otherwise one "@", a dotted domain, no spaces.
Issues validateEmail(const QString &email);

// Empty is allowed. French numbers (10 digits starting with 0, spaces, dots or hyphens between
// pairs) or international numbers starting with + or 00 (8 to 15 digits, E.164).
Issues validatePhone(const QString &phone);
// The E.164 form (+33612345678) of a valid phone number, or an empty string.
QString normalizePhone(const QString &phone);

// A date in a message, as French clerks read it: dd/MM/yyyy (02/08/2027).
QString displayDate(QDate date);

// from <= to, both valid. Field names given by the caller (e.g. "from", "to").
Issues validateDateRange(QDate from, QDate to, const QString &fromField, const QString &toField);

// Everything on a subscriber: identity, address, email, phone.
Issues validateSubscriber(const Subscriber &s);

// Upper case, no accents, no punctuation (hyphens and apostrophes become spaces), single spaces:
// the form La Poste wants on lines 4 to 6 and the key used to compare towns.
QString foldForPostal(const QString &text);
// The key a subscriber sorts by: last name and first name (the company when there is no last
// name), folded as for postal lines and lower-cased. Derived, never typed: the server computes it
// from the row it holds, so two desks changing different parts of a name never conflict on it.
QString sortKey(const QString &lastName, const QString &firstName, const QString &company);

} // namespace Relais::Validation
