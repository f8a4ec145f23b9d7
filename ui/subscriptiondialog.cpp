#include "subscriptiondialog.h"

#include "datefield.h"
#include "formutil.h"
#include "recordmodels.h"
#include "store.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Relais::Ui {

SubscriptionDialog::SubscriptionDialog(Store &store, const Subscriber &recipient, QWidget *parent)
    : QDialog(parent), m_store(store), m_recipient(recipient)
{
    setWindowTitle(tr("New subscription for %1").arg(recipient.displayName()));
    m_titles = store.publications();
    m_offers = store.offers();

    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    layout->addLayout(form);
    m_title = new QComboBox(this);
    m_title->setObjectName(QStringLiteral("title"));
    for (const Publication &p : std::as_const(m_titles))
        m_title->addItem(QStringLiteral("%1 — %2").arg(p.code, p.name), p.meta.id);
    form->addRow(tr("&Title"), m_title);
    m_offer = new QComboBox(this);
    m_offer->setObjectName(QStringLiteral("offer"));
    form->addRow(tr("&Offer"), m_offer);
    m_start = makeDateField(QDate::currentDate(), this);
    m_start->setObjectName(QStringLiteral("start"));
    form->addRow(tr("&Start"), m_start);
    m_copies = new QSpinBox(this);
    m_copies->setObjectName(QStringLiteral("copies"));
    m_copies->setRange(1, 999);
    form->addRow(tr("&Copies"), m_copies);
    m_autoRenew = new QCheckBox(tr("Renew automatically at the end of the term"), this);
    m_autoRenew->setObjectName(QStringLiteral("auto_renew"));
    form->addRow(QString(), m_autoRenew);
    m_otherPayer = new QCheckBox(tr("Paid by another subscriber (gift, company)"), this);
    m_otherPayer->setObjectName(QStringLiteral("other_payer"));
    form->addRow(QString(), m_otherPayer);
    m_payerNumber = new QLineEdit(this);
    m_payerNumber->setObjectName(QStringLiteral("payer_number"));
    m_payerNumber->setPlaceholderText(tr("Payer's subscriber number"));
    m_payerNumber->setEnabled(false);
    form->addRow(tr("&Payer"), m_payerNumber);
    m_payerName = new QLabel(this);
    form->addRow(QString(), m_payerName);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_error = makeErrorLabel(this);
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SubscriptionDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SubscriptionDialog::reject);

    if (m_titles.isEmpty()) {
        m_error->setText(tr("This desk has no titles or offers yet. They come with the first sync "
                            "from the server, or from relaisctl."));
        m_error->show();
        buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    }

    connect(m_title, &QComboBox::currentIndexChanged, this, &SubscriptionDialog::titleChanged);
    connect(m_offer, &QComboBox::currentIndexChanged, this, &SubscriptionDialog::updateSummary);
    connect(m_start, &DateField::edited, this, [this] {
        m_startEdited = true;
        updateSummary();
    });
    connect(m_copies, &QSpinBox::valueChanged, this, &SubscriptionDialog::updateSummary);
    connect(m_otherPayer, &QCheckBox::toggled, this, [this](bool on) {
        m_payerNumber->setEnabled(on);
        if (on)
            m_payerNumber->setFocus();
        updateSummary();
    });
    connect(m_payerNumber, &QLineEdit::textChanged, this, &SubscriptionDialog::updateSummary);
    titleChanged();
}

void SubscriptionDialog::titleChanged()
{
    const QString titleId = m_title->currentData().toString();
    m_offer->clear();
    for (const Offer &o : std::as_const(m_offers)) {
        if (o.publicationId != titleId)
            continue;
        m_offer->addItem(tr("%1 — %2 months, %3")
                             .arg(o.label)
                             .arg(o.months)
                             .arg(QLocale().toCurrencyString(double(o.priceCents) / 100.0,
                                                             QStringLiteral("€"))),
                         o.meta.id);
    }
    for (const Publication &p : std::as_const(m_titles)) {
        if (p.meta.id == titleId && !m_startEdited) {
            const QDate first = p.firstIssueReachedBy(QDateTime::currentDateTime());
            if (first.isValid()) {
                const QSignalBlocker block(m_start);
                m_start->setDate(first);
            }
        }
    }
    updateSummary();
}

std::optional<Subscriber> SubscriptionDialog::payer() const
{
    if (!m_otherPayer->isChecked())
        return std::nullopt;
    bool ok = false;
    const qint64 n = m_payerNumber->text().trimmed().toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    return m_store.subscriberByNumber(n);
}

void SubscriptionDialog::updateSummary()
{
    if (m_otherPayer->isChecked()) {
        const auto p = payer();
        m_payerName->setText(p ? p->displayName()
                               : (m_payerNumber->text().trimmed().isEmpty()
                                      ? QString()
                                      : tr("No subscriber has this number.")));
    } else {
        m_payerName->clear();
    }
    const QString offerId = m_offer->currentData().toString();
    for (const Offer &o : std::as_const(m_offers)) {
        if (o.meta.id != offerId)
            continue;
        if (!m_start->date().isValid())
            break;
        const QDate end = m_start->date().addMonths(o.months).addDays(-1);
        m_summary->setText(tr("From %1 to %2 inclusive, %n copy(ies).", nullptr, m_copies->value())
                               .arg(Labels::date(m_start->date()), Labels::date(end)));
        return;
    }
    m_summary->clear();
}

void SubscriptionDialog::accept()
{
    clearError(m_error);
    if (!m_start->check()) {
        m_start->setFocus();
        growToFit(this);
        return;
    }
    Subscription s;
    s.recipientId = m_recipient.meta.id;
    s.offerId = m_offer->currentData().toString();
    s.start = m_start->date();
    s.copies = m_copies->value();
    s.autoRenew = m_autoRenew->isChecked();
    if (m_otherPayer->isChecked()) {
        const auto p = payer();
        if (!p) {
            m_error->setText(tr("Type the subscriber number of the payer, or untick \"Paid by "
                                "another subscriber\"."));
            m_error->show();
            m_payerNumber->setFocus();
            return;
        }
        s.payerId = p->meta.id;
    }
    auto r = m_store.addSubscription(s);
    if (!r) {
        showError(m_error, r.error());
        return;
    }
    m_created = *r;
    QDialog::accept();
}

} // namespace Relais::Ui
