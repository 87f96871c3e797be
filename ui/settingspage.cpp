// SPDX-License-Identifier: MIT
// SettingsPage: the form follows the setting table; the page only edits a copy of the live Config.
#include "settingspage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QSpinBox>
#include <QTcpServer>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#include "autostart.h"
#include "config/config.h"
#include "config/settingdescriptor.h"
#include "config/settings.h"
#include "proxyservice.h"
#include "server/proxyserver.h"
#include "statuscolors.h"
#include "uistate.h"

using Widget = SettingDescriptor::Widget;
using Group = SettingDescriptor::Group;

namespace {
const QString advancedStateKey = QStringLiteral("settings/advancedOpen");
const char *markedProperty = "kiroUnapplied";

QString withoutColon(QString label)
{
    return label.remove(QRegularExpression(QStringLiteral("[:：]\\s*$")));
}

/// How wide a text field may grow, in average characters: an address is short, a URL template long.
int textWidthChars(const SettingDescriptor &setting)
{
    switch (setting.check) {
    case SettingDescriptor::Check::HostAddress:
        return 24;
    case SettingDescriptor::Check::UrlTemplate:
    case SettingDescriptor::Check::OutboundProxy:
        return 56;
    default:
        break;
    }
    return setting.secret && setting.page.widget != Widget::Password ? 44 : 32;
}

/// Gives `text` (translated from `source`) a mnemonic not in `used`: the first free letter starting a word of the
/// English source, else any free letter of it. A translation without that letter (Chinese) gets "(&X)" before its
/// trailing colon, as Qt applications write it.
QString withMnemonic(const QString &source, const QString &text, QSet<QChar> &used)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('&'), QStringLiteral("&&"));
    QList<QChar> preferred, others;
    for (int i = 0; i < source.size(); ++i) {
        const QChar c = source.at(i).toLower();
        if (c < QLatin1Char('a') || c > QLatin1Char('z'))
            continue;
        const bool wordStart = i == 0 || !source.at(i - 1).isLetter();
        (wordStart ? preferred : others).append(c);
    }
    // A translation without Latin letters whose source letters are all taken gets any free letter or digit; a Latin
    // label does without rather than carry a letter that is not in it.
    bool latin = false;
    for (const QChar c : text)
        latin = latin || (c.toLower() >= QLatin1Char('a') && c.toLower() <= QLatin1Char('z'));
    QList<QChar> spare;
    for (char c = 'a'; c <= 'z' && !latin; ++c)
        spare.append(QLatin1Char(c));
    for (char c = '1'; c <= '9' && !latin; ++c)
        spare.append(QLatin1Char(c));
    for (const QChar c : preferred + others + spare) {
        if (used.contains(c))
            continue;
        used.insert(c);
        for (int i = 0; i < escaped.size(); ++i) {
            if (escaped.at(i).toLower() == c && (i == 0 || escaped.at(i - 1) != QLatin1Char('&')))
                return escaped.insert(i, QLatin1Char('&'));
        }
        static const QRegularExpression colon(QStringLiteral("([:：]\\s*)$"));
        const QRegularExpressionMatch m = colon.match(escaped);
        const QString mark = QStringLiteral("(&%1)").arg(c.toUpper());
        return m.hasMatch() ? escaped.insert(m.capturedStart(1), mark) : escaped + mark;
    }
    return escaped;
}
} // namespace

SettingsPage::SettingsPage(ProxyService &service, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
    , m_message(new QLabel(this))
{
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    // A setting changed elsewhere (the tray's strategy menu, /api/strategy) shows here at once, so that Apply never
    // writes an older value back.
    connect(&m_service.settings(), &Settings::changed, this, [this](const QString &key) {
        m_filling = true;
        for (const Field &field : std::as_const(m_fields)) {
            if (field.setting->key == key) {
                setFieldValue(field, field.setting->get(m_service.config()));
                setFieldProblem(field, QString());
            }
        }
        m_filling = false;
        updatePending();
    });

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    auto *normal = new QVBoxLayout;
    m_advancedToggle = new QToolButton(content);
    m_advancedToggle->setObjectName(QStringLiteral("advancedToggle"));
    m_advancedToggle->setText(tr("Advanced"));
    m_advancedToggle->setCheckable(true);
    m_advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advancedToggle->setAutoRaise(true);
    m_advancedNote = new QLabel(content);
    m_advancedNote->setObjectName(QStringLiteral("advancedNote"));
    m_advancedNote->setWordWrap(true);
    m_advancedNote->setForegroundRole(QPalette::PlaceholderText);
    auto *disclosure = new QHBoxLayout;
    disclosure->addWidget(m_advancedToggle);
    disclosure->addWidget(m_advancedNote, 1);

    // A group box per group, in the order the table first names them; fields in table order. Groups of advanced rows
    // go into the collapsed section.
    QHash<Group, QFormLayout *> forms;
    QList<Field> advancedFields;
    QList<QGroupBox *> advancedBoxes;
    for (const SettingDescriptor &setting : SettingDescriptor::all()) {
        const Group group = setting.page.group;
        if (group == Group::Hidden)
            continue;
        QFormLayout *&form = forms[group];
        if (!form) {
            auto *box = new QGroupBox(tr(SettingDescriptor::groupTitle(group)), content);
            form = new QFormLayout(box);
            form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
            if (setting.page.advanced)
                advancedBoxes.append(box);
            else
                normal->addWidget(box);
        }
        QWidget *box = form->parentWidget();
        // The field with its error line below it; the field keeps a sensible width, the line wraps.
        auto *cell = new QWidget(box);
        auto *cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->setSpacing(2);
        QWidget *widget = createField(setting, cell);
        const int chars = fontMetrics().averageCharWidth();
        // Text grows up to a width that suits its content; spin boxes and lists keep their natural width. Without
        // an alignment the layout keeps the field at the left and lets it grow to that maximum.
        if (setting.page.widget == Widget::Text || setting.page.widget == Widget::Password)
            widget->setMaximumWidth(chars * textWidthChars(setting));
        else if (setting.page.widget != Widget::CheckBox)
            widget->setSizePolicy(QSizePolicy::Fixed, widget->sizePolicy().verticalPolicy());
        if (setting.page.widget == Widget::Integer) // room for the cursor past the longest text (CJK hints clip)
            widget->setMinimumWidth(widget->sizeHint().width() + 2 * chars);
        cellLayout->addWidget(widget);
        auto *error = new QLabel(cell);
        error->setObjectName(setting.key + QStringLiteral("Error"));
        error->setWordWrap(true);
        error->setMaximumWidth(chars * 64);
        error->setTextFormat(Qt::PlainText);
        QPalette red = error->palette();
        red.setColor(QPalette::WindowText, StatusColors::bad());
        error->setPalette(red);
        error->hide();
        cellLayout->addWidget(error);

        auto *label = new QLabel(box);
        label->setBuddy(widget);
        if (setting.page.widget != Widget::CheckBox)
            label->setText(tr(setting.page.label)); // a check box carries its own text
        form->addRow(label, cell);
        const Field field{&setting, widget, setting.page.widget == Widget::CheckBox ? widget : label, error};
        (setting.page.advanced ? advancedFields : m_fields).append(field);
    }
    // Visual order, which is also the tab order: the normal groups, then the advanced ones.
    m_fields += advancedFields;
    // Made last, so that the advanced group boxes come after the others among the page's children too.
    m_advanced = new QWidget(content);
    m_advanced->setObjectName(QStringLiteral("advanced"));
    auto *advancedLayout = new QVBoxLayout(m_advanced);
    advancedLayout->setContentsMargins(0, 0, 0, 0);
    for (QGroupBox *box : std::as_const(advancedBoxes))
        advancedLayout->addWidget(box);
    contentLayout->addLayout(normal);
    contentLayout->addLayout(disclosure);
    contentLayout->addWidget(m_advanced);
    contentLayout->addStretch(1);
    m_autostart = findChild<QCheckBox *>(QStringLiteral("startAtLogin"));

    for (const Field &field : std::as_const(m_fields)) {
        QWidget *w = field.widget;
        auto edited = [this, field] { fieldEdited(field); };
        if (auto *edit = qobject_cast<QLineEdit *>(w))
            connect(edit, &QLineEdit::textChanged, this, edited);
        else if (auto *spin = qobject_cast<QSpinBox *>(w))
            connect(spin, &QSpinBox::valueChanged, this, edited);
        else if (auto *check = qobject_cast<QCheckBox *>(w))
            connect(check, &QCheckBox::toggled, this, edited);
        else if (auto *combo = qobject_cast<QComboBox *>(w))
            connect(combo, &QComboBox::currentIndexChanged, this, edited);
    }

    auto *buttons = new QDialogButtonBox(this);
    m_apply = buttons->addButton(QDialogButtonBox::Apply);
    m_revert = buttons->addButton(QDialogButtonBox::Reset);
    m_apply->setObjectName(QStringLiteral("apply"));
    m_revert->setObjectName(QStringLiteral("revert"));
    connect(m_apply, &QPushButton::clicked, this, &SettingsPage::apply);
    connect(m_revert, &QPushButton::clicked, this, &SettingsPage::revert);

    auto *scroll = new QScrollArea(this);
    connect(m_advancedToggle, &QToolButton::clicked, this, [this, scroll](bool open) {
        setAdvancedShown(open);
        // Opened by the user: bring what opened into view once the layout has made room for it.
        if (open)
            QTimer::singleShot(0, scroll, [this, scroll] {
                scroll->verticalScrollBar()->setValue(m_advancedToggle->geometry().top() - 6);
            });
    });
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    // Tab order follows what the eye reads, not the table's order (the advanced Kiro rows come first there).
    QWidget *previous = nullptr;
    auto chain = [&previous](QWidget *next) {
        if (previous)
            setTabOrder(previous, next);
        previous = next;
    };
    for (int i = 0; i < m_fields.size(); ++i) {
        if (i > 0 && !m_fields.at(i - 1).setting->page.advanced && m_fields.at(i).setting->page.advanced)
            chain(m_advancedToggle);
        chain(m_fields.at(i).widget);
    }
    chain(m_apply);
    chain(m_revert);

    assignMnemonics();
    alignLabels();
    const bool open = UiState::value(advancedStateKey, false).toBool();
    m_advancedToggle->setChecked(open);
    setAdvancedShown(open);
    revert();
}

QWidget *SettingsPage::createField(const SettingDescriptor &setting, QWidget *parent)
{
    const SettingDescriptor::Presentation &page = setting.page;
    QWidget *widget = nullptr;
    switch (page.widget) {
    case Widget::Text:
    case Widget::Password: {
        auto *edit = new QLineEdit(parent);
        if (page.widget == Widget::Password)
            edit->setEchoMode(QLineEdit::Password);
        else if (setting.secret)
            edit->setEchoMode(QLineEdit::PasswordEchoOnEdit); // the API key: readable while typing, masked after
        if (page.hint)
            edit->setPlaceholderText(tr(page.hint));
        widget = edit;
        break;
    }
    case Widget::Integer: {
        auto *spin = new QSpinBox(parent);
        spin->setRange(setting.minimum, setting.maximum);
        spin->setGroupSeparatorShown(setting.maximum > 65535); // 1 000 000 log rows; not a port
        if (page.hint)
            spin->setSpecialValueText(tr(page.hint));
        widget = spin;
        break;
    }
    case Widget::CheckBox:
        widget = new QCheckBox(tr(page.label), parent);
        break;
    case Widget::Choice: {
        auto *combo = new QComboBox(parent);
        for (const SettingDescriptor::Choice &choice : setting.choices) {
            combo->addItem(setting.choiceLabel(choice.value), choice.value);
        }
        widget = combo;
        break;
    }
    }
    widget->setObjectName(setting.key);
    return widget;
}

void SettingsPage::setFieldValue(const Field &field, const QVariant &value)
{
    switch (field.setting->page.widget) {
    case Widget::Text:
    case Widget::Password:
        static_cast<QLineEdit *>(field.widget)->setText(value.toString());
        break;
    case Widget::Integer:
        static_cast<QSpinBox *>(field.widget)->setValue(value.toInt());
        break;
    case Widget::CheckBox:
        static_cast<QCheckBox *>(field.widget)->setChecked(value.toBool());
        break;
    case Widget::Choice: {
        auto *combo = static_cast<QComboBox *>(field.widget);
        combo->setCurrentIndex(qMax(0, combo->findData(value)));
        break;
    }
    }
}

QVariant SettingsPage::fieldValue(const Field &field)
{
    switch (field.setting->page.widget) {
    case Widget::Text:
    case Widget::Password: {
        const QString text = static_cast<QLineEdit *>(field.widget)->text();
        return field.setting->page.trimmed ? text.trimmed() : text;
    }
    case Widget::Integer:
        return static_cast<QSpinBox *>(field.widget)->value();
    case Widget::CheckBox:
        return static_cast<QCheckBox *>(field.widget)->isChecked();
    case Widget::Choice:
        return static_cast<QComboBox *>(field.widget)->currentData().toString();
    }
    return {};
}

QVariant SettingsPage::liveValue(const Field &field) const
{
    // Start at login is whether the autostart entry exists: it may have been removed outside the app.
    if (field.widget == m_autostart)
        return m_autostartLive;
    return field.setting->get(m_service.config());
}

bool SettingsPage::isChanged(const Field &field) const
{
    const QVariant live = liveValue(field);
    const QVariant shown = fieldValue(field);
    switch (field.setting->type) {
    case SettingDescriptor::Type::Integer:
        return live.toInt() != shown.toInt();
    case SettingDescriptor::Type::Boolean:
        return live.toBool() != shown.toBool();
    default:
        break;
    }
    return live.toString() != shown.toString();
}

int SettingsPage::pendingChanges() const
{
    return m_pending;
}

bool SettingsPage::advancedShown() const
{
    return m_advanced->isVisibleTo(this);
}

void SettingsPage::setAdvancedShown(bool shown)
{
    if (m_advancedToggle->isChecked() != shown)
        m_advancedToggle->setChecked(shown);
    m_advancedToggle->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    m_advanced->setVisible(shown);
    UiState::setValue(advancedStateKey, shown);
    updatePending(); // the note says what the collapsed section holds
}

void SettingsPage::revert()
{
    m_filling = true;
    m_autostartLive = Autostart::isEnabled();
    for (const Field &field : std::as_const(m_fields)) {
        setFieldValue(field, liveValue(field));
        setFieldProblem(field, QString());
    }
    m_filling = false;
    setMessage(QString(), false);
    updatePending();
}

Config SettingsPage::candidate() const
{
    Config c = m_service.config();
    for (const Field &field : m_fields)
        field.setting->set(c, fieldValue(field));
    return c;
}

QHash<QString, QString> SettingsPage::problems(const Config &c) const
{
    QHash<QString, QString> found;
    for (const Field &field : m_fields) {
        const QString problem = field.setting->fieldProblem(c);
        if (!problem.isEmpty())
            found.insert(field.setting->key, problem);
    }
    QHostAddress address;
    const bool hostValid = c.host == QLatin1String("localhost") || address.setAddress(c.host);
    if (hostValid && !ProxyServer::exposureProblem(c.host, c.apiKey).isEmpty()) {
        found.insert(QStringLiteral("apiKey"),
                     tr("Listening on %1 would let anyone on your network use your Kiro quota: set an API key "
                        "first, or listen on 127.0.0.1.")
                         .arg(c.host));
    }
    return found;
}

Expected<Config, QString> SettingsPage::collect() const
{
    const Config c = candidate();
    const QHash<QString, QString> found = problems(c);
    for (const Field &field : m_fields) {
        const auto it = found.constFind(field.setting->key);
        if (it != found.cend()) {
            return Expected<Config, QString>::failure(
                tr("%1: %2").arg(withoutColon(tr(field.setting->page.label)), it.value()));
        }
    }
    // Settings the page does not show are as the live config has them; validate() stays the last word.
    const auto valid = c.validate();
    if (!valid)
        return Expected<Config, QString>::failure(valid.error());
    return c;
}

void SettingsPage::setFieldProblem(const Field &field, const QString &problem)
{
    field.error->setText(problem);
    field.error->setVisible(!problem.isEmpty());
    // The field itself is tinted too, so the eye finds it in a long form.
    QPalette palette; // empty: the widget follows its parent again
    if (!problem.isEmpty()) {
        palette = field.widget->parentWidget()->palette();
        const QColor base = palette.color(QPalette::Base);
        const QColor red = StatusColors::bad();
        auto mix = [](const QColor &a, const QColor &b, double t) {
            return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                                    float(a.greenF() * (1 - t) + b.greenF() * t),
                                    float(a.blueF() * (1 - t) + b.blueF() * t));
        };
        palette.setColor(QPalette::Base, mix(base, red, 0.22));
        palette.setColor(QPalette::Button, mix(palette.color(QPalette::Button), red, 0.22));
    }
    field.widget->setPalette(palette);
    field.widget->setProperty("kiroProblem", !problem.isEmpty());
    field.widget->setToolTip(problem);
}

void SettingsPage::showProblems(const QHash<QString, QString> &found)
{
    bool advancedProblem = false;
    for (const Field &field : std::as_const(m_fields)) {
        const QString problem = found.value(field.setting->key);
        setFieldProblem(field, problem);
        advancedProblem = advancedProblem || (!problem.isEmpty() && field.setting->page.advanced);
    }
    if (advancedProblem)
        setAdvancedShown(true);
    for (const Field &field : std::as_const(m_fields)) {
        if (found.contains(field.setting->key)) {
            field.widget->setFocus(Qt::OtherFocusReason);
            break;
        }
    }
}

void SettingsPage::fieldEdited(const Field &field)
{
    if (m_filling)
        return;
    // A field that shows a problem says at once when it is fixed; new problems wait for Apply, not every keystroke.
    if (field.widget->property("kiroProblem").toBool()) {
        const QHash<QString, QString> found = problems(candidate());
        for (const Field &other : std::as_const(m_fields)) {
            if (other.widget->property("kiroProblem").toBool())
                setFieldProblem(other, found.value(other.setting->key));
        }
    }
    updatePending();
}

void SettingsPage::updatePending()
{
    if (m_filling || !m_apply)
        return;
    int count = 0, advanced = 0;
    for (const Field &field : std::as_const(m_fields)) {
        const bool changed = isChanged(field);
        count += changed;
        advanced += changed && field.setting->page.advanced;
        if (field.markable->property(markedProperty).toBool() != changed) {
            QFont font = field.markable->font();
            font.setBold(changed);
            field.markable->setFont(font);
            field.markable->setProperty(markedProperty, changed);
            if (field.markable != field.widget)
                field.markable->setToolTip(changed ? tr("Changed — not applied yet") : QString());
        }
    }
    m_apply->setEnabled(count > 0);
    m_revert->setEnabled(count > 0);
    m_apply->setText(count > 0 ? tr("&Apply %n change(s)", nullptr, count) : tr("&Apply"));
    m_revert->setText(tr("&Revert"));
    m_advancedNote->setText(!advancedShown() && advanced > 0
                                ? tr("%n unapplied change(s) in here.", nullptr, advanced)
                                : tr("Region, endpoints, outbound proxy and timeouts: rarely needed."));
    if (!m_messageIsError)
        setMessage(count > 0 ? tr("%n change(s) not applied yet.", nullptr, count) : QString(), false);
    if (count != m_pending) {
        m_pending = count;
        emit pendingChangesChanged(count);
    }
}

void SettingsPage::setMessage(const QString &text, bool error)
{
    m_messageIsError = error && !text.isEmpty();
    if (error)
        m_message->setText(
            QStringLiteral("<span style='color:%1'>%2</span>").arg(StatusColors::bad().name(), text.toHtmlEscaped()));
    else
        m_message->setText(text.toHtmlEscaped());
}

QString SettingsPage::explainListenFailure(const Config &next)
{
    const Config &now = m_service.config();
    const QUrl endpoint(m_service.endpoint());
    const bool sameAddress = next.host == now.host && next.port != 0 && next.port == endpoint.port();
    if (sameAddress)
        return {};
    QHostAddress address;
    if (next.host == QLatin1String("localhost"))
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(next.host))
        return {};
    QTcpServer probe;
    if (probe.listen(address, quint16(next.port)))
        return {}; // the address is free: the failure was something else
    QHash<QString, QString> found;
    if (probe.serverError() == QAbstractSocket::AddressInUseError && next.port != 0)
        found.insert(QStringLiteral("port"), tr("Port %1 is already in use by another program. Choose another port, "
                                                "or 0 for any free port.")
                                                 .arg(next.port));
    else
        found.insert(QStringLiteral("host"),
                     tr("This computer cannot listen on %1: %2").arg(next.host, probe.errorString()));
    showProblems(found);
    return found.cbegin().value();
}

bool SettingsPage::apply()
{
    const Config next = candidate();
    const QHash<QString, QString> found = problems(next);
    const auto collected = collect();
    showProblems(found);
    if (!collected) {
        setMessage(tr("Not applied: %1").arg(collected.error()), true);
        return false;
    }
    QStringList atNextStart; // e.g. the secret store: opened once, when the app starts
    for (const QString &key : Settings::changedKeys(m_service.config(), collected.value())) {
        const SettingDescriptor *setting = SettingDescriptor::find(key);
        if (setting && setting->appliesAtStart)
            atNextStart.append(withoutColon(tr(setting->page.label)));
    }
    const auto applied = m_service.applyConfig(collected.value());
    if (!applied) {
        // Keep the user's input so they can fix it, and point at the field when the new address is the reason.
        const QString atField = explainListenFailure(collected.value());
        setMessage(tr("Not applied: %1").arg(atField.isEmpty() ? applied.error() : atField), true);
        return false;
    }
    const auto autostart = Autostart::setEnabled(collected->startAtLogin);
    m_autostartLive = Autostart::isEnabled();
    QString text = autostart ? tr("Settings applied.")
                             : tr("Settings applied, but start at login failed: %1").arg(autostart.error());
    if (!atNextStart.isEmpty())
        text = tr("%1 %2", "one sentence after another")
                   .arg(text, tr("Takes effect when Kiro Tray starts again: %1.")
                                  .arg(atNextStart.join(tr(", ", "between the names of settings"))));
    m_messageIsError = false;
    updatePending();
    setMessage(text, !autostart);
    return true;
}

void SettingsPage::alignLabels()
{
    // One label column across every group box: each form's labels get the width of the widest label of all, measured
    // in bold, which an unapplied edit shows.
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    int widest = 0;
    QList<QLabel *> labels;
    for (QFormLayout *form : findChildren<QFormLayout *>()) {
        for (int row = 0; row < form->rowCount(); ++row) {
            auto *label = qobject_cast<QLabel *>(form->itemAt(row, QFormLayout::LabelRole)
                                                     ? form->itemAt(row, QFormLayout::LabelRole)->widget()
                                                     : nullptr);
            if (!label)
                continue;
            labels.append(label);
            QString text = label->text();
            text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
            widest = qMax(widest, metrics.horizontalAdvance(text) + 2);
        }
    }
    for (QLabel *label : std::as_const(labels))
        label->setMinimumWidth(widest);
}

void SettingsPage::assignMnemonics()
{
    // Alt+letter reaches every field; letters stay unique on the page (Apply, Revert and Advanced first).
    QSet<QChar> used;
    m_apply->setText(tr("&Apply"));
    m_revert->setText(tr("&Revert"));
    used << QLatin1Char('a') << QLatin1Char('r');
    m_advancedToggle->setText(withMnemonic(QStringLiteral("Advanced"), tr("Advanced"), used));
    for (const Field &field : std::as_const(m_fields)) {
        const QString source = QString::fromUtf8(field.setting->page.label);
        const QString text = withMnemonic(source, tr(field.setting->page.label), used);
        if (auto *check = qobject_cast<QCheckBox *>(field.markable))
            check->setText(text);
        else if (auto *label = qobject_cast<QLabel *>(field.markable))
            label->setText(text);
    }
}

void SettingsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        alignLabels();
    QWidget::changeEvent(event);
}
