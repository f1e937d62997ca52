package io.pinconv.pinterest;

import java.util.Collection;
import java.util.Map;

/**
 * How many events carried each kind of identifier Pinterest matches on: the more, the better the
 * match rate. Counted over the events Pinterest accepted.
 */
public record MatchQuality(long email, long phone, long mobileAdId, long ipAndUserAgent, long clickId, long externalId) {

    public static final MatchQuality NONE = new MatchQuality(0, 0, 0, 0, 0, 0);

    public static MatchQuality of(Collection<ConversionEvent> events) {
        long em = 0, ph = 0, maid = 0, ipUa = 0, click = 0, ext = 0;
        for (ConversionEvent e : events) {
            Map<String, Object> u = e.userData();
            em += u.containsKey("em") ? 1 : 0;
            ph += u.containsKey("ph") ? 1 : 0;
            maid += u.containsKey("hashed_maids") ? 1 : 0;
            ipUa += u.containsKey("client_ip_address") && u.containsKey("client_user_agent") ? 1 : 0;
            click += u.containsKey("click_id") ? 1 : 0;
            ext += u.containsKey("external_id") ? 1 : 0;
        }
        return new MatchQuality(em, ph, maid, ipUa, click, ext);
    }
}
