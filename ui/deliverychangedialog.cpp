#include "deliverychangedialog.h"

#include "addressfields.h"
#include "datefield.h"
#include "formutil.h"
#include "recordmodels.h"
#include "store.h"
#include "validation.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Relais::Ui {

DeliveryChangeDialog::DeliveryChangeDialog(Store &store, const Subscription &subscription,
                                           DeliveryChangeKind kind, QWidget *parent)
    : QDialog(parent), m_store(store), m_subscription(subscription), m_kind(kind),
      m_title(store.publicationById(subscription.publicationId)),
      m_nowTime(QDateTime::currentDateTime())
{
    const bool hold = kind == DeliveryChangeKind::Hold;
    setWindowTitle(hold ? tr("Hold deliveries") : tr("Holiday address"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    layout->addLayout(form);
    const QDate first = m_title ? m_title->firstIssueReachedBy(m_nowTime)
                                : QDate::currentDate().addDays(1);
    m_from = makeDateField(first.isValid() ? first : QDate::currentDate().addDays(1), this);
    m_from->setObjectName(QStringLiteral("from"));
    m_to = makeDateField(m_from->date().addDays(13), this);
    m_to->setObjectName(QStringLiteral("to"));
    form->addRow(tr("&From (inclusive)"), m_from);
    form->addRow(tr("&To (inclusive)"), m_to);
    if (hold) {
        m_compensation = new QComboBox(this);
        m_compensation->setObjectName(QStringLiteral("compensation"));
        m_compensation->addItem(tr("Nothing"), int(HoldCompensation::None));
        m_compensation->addItem(tr("Push the end date back by the issues missed"),
                                int(HoldCompensation::ExtendEnd));
        form->addRow(tr("&Missed issues"), m_compensation);
    } else {
        // The record's address fields, full width: counters, reasons as the clerk types, towns.
        auto *title = new QLabel(tr("<b>Holiday address</b> (NF Z10-011, 38 characters per line)"),
                                 this);
        layout->addWidget(title);
        m_address = new AddressFields(this);
        m_address->setObjectName(QStringLiteral("holiday_address"));
        // As wide as the record's form gives its lines: a 38-character line shows whole.
        m_address->setMinimumWidth(600);
        // Never taller than its rows need: room left after a message went away is not spread
        // between the lines of the address.
        m_address->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
        layout->addWidget(m_address);
    }
    setTabOrder(m_from, m_to);
    setTabOrder(m_to,
                m_compensation ? static_cast<QWidget *>(m_compensation) : m_address->firstField());
    m_firstIssue = new QLabel(this);
    m_firstIssue->setObjectName(QStringLiteral("first_issue"));
    m_firstIssue->setWordWrap(true);
    layout->addWidget(m_firstIssue);
    m_error = makeErrorLabel(this);
    layout->addWidget(m_error);
    // Room the dialog keeps after a message went away stays above the buttons, not between fields.
    layout->addStretch(1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)
        ->setText(hold ? tr("Add the hold") : tr("Add the address"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &DeliveryChangeDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &DeliveryChangeDialog::reject);
    connect(m_from, &DateField::edited, this, &DeliveryChangeDialog::updateInfo);
    connect(m_to, &DateField::edited, this, &DeliveryChangeDialog::updateInfo);
    // A hold of the same length is what a clerk usually wants when the start moves.
    connect(m_from, &DateField::dateChanged, this, [this](QDate from) {
        if (!m_toEdited && from.isValid())
            m_to->setDate(from.addDays(13));
    });
    connect(m_to, &DateField::edited, this, [this] { m_toEdited = true; });
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    updateInfo();
}

void DeliveryChangeDialog::editExisting(const DeliveryChange &existing)
{
    m_existing = existing;
    m_toEdited = true;
    const bool hold = existing.kind == DeliveryChangeKind::Hold;
    setWindowTitle(hold ? tr("Change the dates of the hold")
                        : tr("Change the dates of the holiday address"));
    m_from->setDate(existing.from);
    m_to->setDate(existing.to);
    if (m_compensation) {
        m_compensation->setCurrentIndex(m_compensation->findData(int(existing.compensation)));
        m_compensation->setEnabled(false);
    }
    if (m_address) {
        m_address->setAddress(existing.address);
        m_address->setReadOnly(true);
    }
    if (auto *buttons = findChild<QDialogButtonBox *>())
        buttons->button(QDialogButtonBox::Ok)->setText(tr("Change the dates"));
    updateInfo();
}

void DeliveryChangeDialog::setNow(const QDateTime &now)
{
    m_nowTime = now;
    updateInfo();
}

void DeliveryChangeDialog::updateInfo()
{
    if (!m_title) {
        m_firstIssue->clear();
        return;
    }
    if (!m_from->date().isValid() || !m_to->date().isValid()) {
        m_firstIssue->clear();
        return;
    }
    const QDate first = m_title->firstIssueReachedBy(m_nowTime);
    const QDate firstCovered = m_title->weekdays.nextIssueOnOrAfter(qMax(m_from->date(), first));
    QString text = tr("Saved now (cut-off %1 for %2), a change first reaches the issue of %3.")
                       .arg(m_title->cutoff.toString(QStringLiteral("HH:mm")), m_title->name,
                            Labels::date(first));
    if (m_from->date() < first)
        text += u' '
                + tr("Issues before %1 have already gone to the mailing house: this one "
                     "starts in practice with the issue of %2.")
                      .arg(Labels::date(first), Labels::date(firstCovered));
    else if (firstCovered.isValid() && firstCovered <= m_to->date())
        text += u' ' + tr("First issue concerned: %1.").arg(Labels::date(firstCovered));
    m_firstIssue->setText(text);
}

void DeliveryChangeDialog::accept()
{
    clearError(m_error);
    // A date that is not one stops here, named under its field; nothing is guessed.
    for (DateField *f : {m_from, m_to}) {
        if (!f->check()) {
            f->setFocus();
            growToFit(this);
            return;
        }
    }
    if (m_existing) {
        // The hold and the subscription as the dialog loaded them: the base of the change.
        auto changed = m_store.changeDeliveryChange(*m_existing, m_subscription, m_from->date(),
                                                    m_to->date());
        if (!changed) {
            showError(m_error, changed.error());
            return;
        }
        QDialog::accept();
        return;
    }
    DeliveryChange c;
    c.subscriptionId = m_subscription.meta.id;
    c.kind = m_kind;
    c.from = m_from->date();
    c.to = m_to->date();
    if (m_compensation)
        c.compensation = HoldCompensation(m_compensation->currentData().toInt());
    if (m_address) {
        c.address = m_address->address();
        if (const Issues issues = m_address->validate(true); !issues.isEmpty()) {
            showError(m_error, Error::invalid(issues));
            return;
        }
    }
    auto r = m_store.addDeliveryChange(c, m_subscription);
    if (!r) {
        showError(m_error, r.error());
        return;
    }
    QDialog::accept();
}

} // namespace Relais::Ui
