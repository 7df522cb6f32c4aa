package org.callsign.presence;

class LocalNamesTest extends PresenceContract {

    @Override
    protected Registry emptyRegistry() {
        return Registry.local();
    }
}
