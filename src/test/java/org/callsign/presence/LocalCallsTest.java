package org.callsign.presence;

class LocalCallsTest extends CallsContract {

    @Override
    protected Registry emptyRegistry() {
        return Registry.local();
    }
}
