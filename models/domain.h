#pragma once
// The circulation domain: plain value types shared by the desk, relaisctl and the server.
// Money is integer cents, dates are QDate (ISO 8601 on disk and on the wire).

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QTime>

#include <optional>

namespace Relais {

// Columns every synced row carries.
struct SyncMeta
{
    QString id;     // client-generated UUID, without braces
    qint64 rev = 0; // server change sequence that last touched it; 0 = never synced
    bool deleted = false;
    QDateTime updatedAt; // UTC
    QString updatedBy;
};

struct Publisher
{
    SyncMeta meta;
    QString code;
    QString name;
};

// Days of the week a title appears, as a bit mask over Qt's day numbers (Monday = 1 .. Sunday = 7).
class Weekdays
{
public:
    Weekdays() = default;
    static Weekdays fromMask(int mask)
    {
        Weekdays w;
        w.m_mask = mask & 0xFE;
        return w;
    }
    // "1-6", "1,3,5", "1-5,7"; nullopt when the text is not such a list.
    static std::optional<Weekdays> parse(const QString &text);
    int mask() const { return m_mask; }
    bool contains(int dayOfWeek) const
    {
        return dayOfWeek >= 1 && dayOfWeek <= 7 && (m_mask & (1 << dayOfWeek));
    }
    bool contains(QDate d) const { return d.isValid() && contains(d.dayOfWeek()); }
    bool isEmpty() const { return m_mask == 0; }
    int count() const;
    QString toString() const; // canonical "1-6"
    // The first issue day on or after d (invalid if there is none).
    QDate nextIssueOnOrAfter(QDate d) const;
    friend bool operator==(Weekdays, Weekdays) = default;

private:
    int m_mask = 0;
};

enum class Periodicity { Daily, Weekly, Monthly };
QString periodicityCode(Periodicity p);
std::optional<Periodicity> periodicityFromCode(const QString &code);

struct Publication
{
    SyncMeta meta;
    QString publisherId;
    QString code;
    QString name;
    Periodicity periodicity = Periodicity::Daily;
    Weekdays weekdays;
    QTime cutoff{14, 0}; // changes after this time miss the next day's labels

    // The first issue a change made at `now` can still reach, given the cut-off (a local time:
    // `now` is converted to the desk's time zone first).
    QDate firstIssueReachedBy(const QDateTime &now) const;
};

enum class Channel { Print, Digital, Both };
QString channelCode(Channel c);
std::optional<Channel> channelFromCode(const QString &code);

struct Offer
{
    SyncMeta meta;
    QString publicationId;
    QString code;
    QString label;
    int months = 12;
    qint64 priceCents = 0;
    Channel channel = Channel::Print;
};

// A postal address as NF Z10-011 lines; line 1 (the recipient) is built from the subscriber's name.
struct Address
{
    QString line2; // recipient complement: apartment, floor, "chez"
    QString line3; // delivery point complement: building, residence
    QString line4; // number and street
    QString line5; // special distribution, lieu-dit, BP
    QString postalCode;
    QString city;
    QString country; // empty or FRANCE for France; otherwise the country line, in capitals
    // The INSEE commune code ("01053", "2A004"), empty when not known: kept from address files made
    // elsewhere. Not printed; a subscriber's address only (a holiday address has none).
    QString inseeCode;
    bool isFrance() const;
    friend bool operator==(const Address &, const Address &) = default;
};

struct Subscriber
{
    SyncMeta meta;
    qint64 number = 0; // human-readable, unique per publisher
    QString publisherId;
    QString civility; // "M.", "Mme", or empty
    QString firstName;
    QString lastName;
    QString company;
    Address address;
    QString email;
    QString phone;
    QString consents; // comma-separated consent codes
    QString notes;

    // NF Z10-011 line 1: civility, first name, last name; or the company when there is no name.
    QString line1() const;
    QString displayName() const;
};

struct Subscription
{
    SyncMeta meta;
    QString recipientId; // receives the paper
    QString payerId;     // pays; often the recipient
    QString offerId;
    QString publicationId; // from the offer, kept here to index delivery lists
    QDate start;
    QDate end; // inclusive; invalid = open-ended
    int copies = 1;
    bool autoRenew = false;
    QDate cancelDate; // delivered up to cancelDate - 1
    QString cancelReason;
};

enum class SubscriptionStatus { Pending, Active, Suspended, Cancelled, Expired };
QString statusCode(SubscriptionStatus s);

enum class DeliveryChangeKind { Hold, TemporaryAddress };
QString deliveryChangeKindCode(DeliveryChangeKind k);
std::optional<DeliveryChangeKind> deliveryChangeKindFromCode(const QString &code);

// What a reader gets for issues missed during a hold.
enum class HoldCompensation { None, ExtendEnd };

struct DeliveryChange
{
    SyncMeta meta;
    QString subscriptionId;
    DeliveryChangeKind kind = DeliveryChangeKind::Hold;
    QDate from;      // inclusive
    QDate to;        // inclusive
    Address address; // TemporaryAddress only
    HoldCompensation compensation = HoldCompensation::None;
    bool covers(QDate d) const { return from <= d && d <= to; }
};

enum class ComplaintKind { NotReceived, Damaged };
QString complaintKindCode(ComplaintKind k);
std::optional<ComplaintKind> complaintKindFromCode(const QString &code);

struct Complaint
{
    SyncMeta meta;
    QString subscriptionId;
    QDate issueDate;
    ComplaintKind kind = ComplaintKind::NotReceived;
    int compensationIssues = 0; // end date pushed back by this many issues
    QString note;
};

// How the reader reached us; recorded on every audit entry.
enum class ContactChannel { Letter, Phone, Email, Counter, Web, Desk };
QString contactChannelCode(ContactChannel c);
std::optional<ContactChannel> contactChannelFromCode(const QString &code);

struct AuditEntry
{
    qint64 id = 0;
    QDateTime at;
    QString clerk;
    QString deskId;
    ContactChannel channel = ContactChannel::Desk;
    QString entity; // table name
    QString entityId;
    QString operation; // e.g. subscriber.update
    QString oldValues; // JSON object of the changed fields' previous values
    QString newValues; // JSON object of the changed fields' new values
};

// Status derived from dates and events, never typed by hand.
SubscriptionStatus subscriptionStatusOn(const Subscription &s, QDate day,
                                        const QList<DeliveryChange> &changes);

// The date `issues` issues after `from` (exclusive), counting only issue days.
QDate addIssues(QDate from, int issues, Weekdays weekdays);
// addIssues for a positive delta; for a negative one, the day before the last |delta| issues up to
// and including `end` (so that those issues are no longer delivered).
QDate moveByIssues(QDate end, int delta, Weekdays weekdays);

QString newUuid();

} // namespace Relais
