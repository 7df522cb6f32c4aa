package org.callsign.presence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.callsign.message.ServerMessage.UserList;

/**
 * The logins watching who is online (docs/protocol.md rule 23, {@code watch}): once a period
 * each watcher's list is made again (O(log n) plus the 100 names, as for a {@code users}) and
 * sent only if it differs from the one last sent: names, total or who is busy (rule 28). With
 * nobody coming, going or calling, a watching page costs a listing per period and no frames;
 * a polling page costs a frame each way per ask, which is what the container charges most for.
 */
final class Watchers {

    private record Watch(Member member, String prefix, Listing sent, long checkedAt) {
    }

    private final long periodNanos;
    private final Map<String, Watch> byMember = new ConcurrentHashMap<>();

    Watchers(long periodNanos) {
        this.periodNanos = periodNanos;
    }

    /** {@code member} was just sent {@code sent} and watches {@code prefix} from now on. */
    void watch(Member member, String prefix, Listing sent, long nowNanos) {
        byMember.put(member.id(), new Watch(member, prefix, sent, nowNanos));
    }

    void stop(Member member) {
        byMember.remove(member.id());
    }

    /** Sends each watcher whose period has passed its list again, made by {@code list}, if it changed. */
    void push(Function<String, Listing> list, long nowNanos) {
        byMember.forEach((id, watch) -> {
            if (nowNanos - watch.checkedAt() < periodNanos) {
                return;
            }
            Listing listing = list.apply(watch.prefix());
            boolean changed = !listing.equals(watch.sent());
            // Unless a users message replaced the watch meanwhile: then its reply is the newer.
            if (byMember.replace(id, watch, new Watch(watch.member(), watch.prefix(), listing, nowNanos)) && changed) {
                watch.member().outbox().deliver(new UserList(listing.names(), listing.total(), listing.busy()));
            }
        });
    }
}
