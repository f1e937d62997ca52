package io.pinconv.activation;

import java.util.Set;

/** The event names Pinterest accepts as event_name (API description and conversion docs). */
public final class EventTypes {

    public static final Set<String> ALL = Set.of(
            "add_payment_info",
            "add_to_cart",
            "add_to_wishlist",
            "app_install",
            "app_open",
            "checkout",
            "contact",
            "custom",
            "customize_product",
            "find_location",
            "initiate_checkout",
            "lead",
            "page_visit",
            "schedule",
            "search",
            "signup",
            "start_trial",
            "submit_application",
            "subscribe",
            "view_category",
            "view_content",
            "watch_video");

    private EventTypes() {}
}
