-- Location-specific budget requests published without a point or a polygon: the export could not
-- place them (e.g. geo_function GEOCODING FAILED), or their geometry had only line parts.
SELECT id, title, address, site_name, segment_on_street, intersection_street_one
  FROM community_board_budget_request
 WHERE is_location_specific AND li_ft_m_pnt IS NULL AND li_ft_m_poly IS NULL
 ORDER BY id
