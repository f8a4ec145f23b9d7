#include "deliverychangedialog.h"

#include "formutil.h"
#include "recordmodels.h"
#include "store.h"
#include "validation.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
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
    const QDate first = m_title ? m_title->firstIssueReachedBy(m_nowTime) : QDate::currentDate().addDays(1);
    m_from = makeDateEdit(first.isValid() ? first : QDate::currentDate().addDays(1), this);
    m_from->setObjectName(QStringLiteral("from"));
    m_to = makeDateEdit(m_from->date().addDays(13), this);
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
        namespace F = Validation::Field;
        const QList<std::pair<const char16_t *, QString>> fields = {
            {F::Line2, tr("Line 2 (apartment, floor, c/o)")},
            {F::Line3, tr("Line 3 (building, residence)")},
            {F::Line4, tr("Line 4 (number and street)")},
            {F::Line5, tr("Line 5 (lieu-dit, BP)")},
            {F::PostalCode, tr("Postal code")},
            {F::City, tr("Town")},
            {F::Country, tr("Country (empty for France)")}};
        for (const auto &[field, label] : fields) {
            auto *e = new QLineEdit(this);
            e->setObjectName(QString::fromUtf16(field));
            m_address.insert(QString::fromUtf16(field), e);
            form->addRow(label, e);
        }
    }
    m_firstIssue = new QLabel(this);
    m_firstIssue->setObjectName(QStringLiteral("first_issue"));
    m_firstIssue->setWordWrap(true);
    layout->addWidget(m_firstIssue);
    m_error = makeErrorLabel(this);
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(hold ? tr("Add the hold") : tr("Add the address"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &DeliveryChangeDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &DeliveryChangeDialog::reject);
    connect(m_from, &QDateEdit::dateChanged, this, &DeliveryChangeDialog::updateInfo);
    connect(m_to, &QDateEdit::dateChanged, this, &DeliveryChangeDialog::updateInfo);
    updateInfo();
}

void DeliveryChangeDialog::editExisting(const DeliveryChange &existing)
{
    m_existing = existing;
    const bool hold = existing.kind == DeliveryChangeKind::Hold;
    setWindowTitle(hold ? tr("Change the dates of the hold") : tr("Change the dates of the holiday address"));
    m_from->setDate(existing.from);
    m_to->setDate(existing.to);
    if (m_compensation) {
        m_compensation->setCurrentIndex(m_compensation->findData(int(existing.compensation)));
        m_compensation->setEnabled(false);
    }
    namespace F = Validation::Field;
    const QList<std::pair<const char16_t *, QString>> address = {
        {F::Line2, existing.address.line2}, {F::Line3, existing.address.line3},
        {F::Line4, existing.address.line4}, {F::Line5, existing.address.line5},
        {F::PostalCode, existing.address.postalCode}, {F::City, existing.address.city},
        {F::Country, existing.address.country}};
    for (const auto &[field, value] : address) {
        if (QLineEdit *e = m_address.value(QString::fromUtf16(field))) {
            e->setText(value);
            e->setReadOnly(true);
        }
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
    const QDate first = m_title->firstIssueReachedBy(m_nowTime);
    const QDate firstCovered = m_title->weekdays.nextIssueOnOrAfter(qMax(m_from->date(), first));
    QString text = tr("Saved now (cut-off %1 for %2), a change first reaches the issue of %3.")
                       .arg(m_title->cutoff.toString(QStringLiteral("HH:mm")), m_title->name,
                            Labels::date(first));
    if (m_from->date() < first)
        text += u' ' + tr("Issues before %1 have already gone to the mailing house: this one "
                          "starts in practice with the issue of %2.")
                           .arg(Labels::date(first), Labels::date(firstCovered));
    else if (firstCovered.isValid() && firstCovered <= m_to->date())
        text += u' ' + tr("First issue concerned: %1.").arg(Labels::date(firstCovered));
    m_firstIssue->setText(text);
}

void DeliveryChangeDialog::accept()
{
    clearError(m_error);
    if (m_existing) {
        // The hold and the subscription as the dialog loaded them: the base of the change.
        auto changed = m_store.changeDeliveryChange(*m_existing, m_subscription, m_from->date(), m_to->date());
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
    namespace F = Validation::Field;
    auto text = [this](const char16_t *f) { return m_address.value(QString::fromUtf16(f))->text(); };
    if (m_kind == DeliveryChangeKind::TemporaryAddress) {
        c.address.line2 = text(F::Line2);
        c.address.line3 = text(F::Line3);
        c.address.line4 = text(F::Line4);
        c.address.line5 = text(F::Line5);
        c.address.postalCode = text(F::PostalCode);
        c.address.city = text(F::City);
        c.address.country = text(F::Country);
    }
    auto r = m_store.addDeliveryChange(c, m_subscription);
    if (!r) {
        showError(m_error, r.error());
        return;
    }
    QDialog::accept();
}

} // namespace Relais::Ui
