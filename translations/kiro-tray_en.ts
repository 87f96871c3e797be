<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AccountPresenter</name>
    <message numerus="yes">
        <source>%n account(s) cooling down until %1</source>
        <translation>
            <numerusform>%n account cooling down until %1</numerusform>
            <numerusform>%n accounts cooling down until %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) cooling down</source>
        <translation>
            <numerusform>%n account cooling down</numerusform>
            <numerusform>%n accounts cooling down</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) exhausted until %1</source>
        <translation>
            <numerusform>%n account exhausted until %1</numerusform>
            <numerusform>%n accounts exhausted until %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) exhausted</source>
        <translation>
            <numerusform>%n account exhausted</numerusform>
            <numerusform>%n accounts exhausted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) disabled</source>
        <translation>
            <numerusform>%n account disabled</numerusform>
            <numerusform>%n accounts disabled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) disabled: %1</source>
        <translation>
            <numerusform>%n account disabled: %1</numerusform>
            <numerusform>%n accounts disabled: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) still loading secrets</source>
        <translation>
            <numerusform>%n account still loading secrets</numerusform>
            <numerusform>%n accounts still loading secrets</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message numerus="yes">
        <source>Quota refreshed for %n account(s).</source>
        <translation>
            <numerusform>Quota refreshed for %n account.</numerusform>
            <numerusform>Quota refreshed for %n accounts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Quota refresh failed for %n account(s): </source>
        <translation>
            <numerusform>Quota refresh failed for %n account: </numerusform>
            <numerusform>Quota refresh failed for %n accounts: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n account(s) and their stored secrets?

%1</source>
        <translation>
            <numerusform>Delete %n account and their stored secrets?

%1</numerusform>
            <numerusform>Delete %n accounts and their stored secrets?

%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>%n account(s) ready to import</source>
        <translation>
            <numerusform>%n account ready to import</numerusform>
            <numerusform>%n accounts ready to import</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n skipped</source>
        <translation>
            <numerusform>, %n skipped</numerusform>
            <numerusform>, %n skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n account(s)</source>
        <translation>
            <numerusform>Added %n account</numerusform>
            <numerusform>Added %n accounts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n failed — see the list</source>
        <translation>
            <numerusform>; %n failed — see the list</numerusform>
            <numerusform>; %n failed — see the list</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LogsModel</name>
    <message numerus="yes">
        <source>%1 (after %n hop(s))</source>
        <translation>
            <numerusform>%1 (after %n hop)</numerusform>
            <numerusform>%1 (after %n hops)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message numerus="yes">
        <source>%n of %1 account(s) usable</source>
        <translation>
            <numerusform>%n of %1 accounts usable</numerusform>
            <numerusform>%n of %1 accounts usable</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RequestChart</name>
    <message numerus="yes">
        <source>peak %n/h</source>
        <translation>
            <numerusform>peak %n/h</numerusform>
            <numerusform>peak %n/h</numerusform>
        </translation>
    </message>
</context>
</TS>
